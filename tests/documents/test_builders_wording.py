"""Each sentence of the results notice comes from the listed cases' facts and its own batch."""

from __future__ import annotations

from datetime import date

from doc_samples import make_issuer

from pingxing.documents.builders import (
    APPROVED,
    APPROVED_AFTER_ACCEPTANCE,
    NOTICED,
    ResultRow,
    results_document,
    year_end_report_document,
)
from pingxing.documents.model import Heading, Paragraph

PERIOD = (date(2010, 12, 1), date(2010, 12, 7))


def _text(doc) -> str:
    return "".join(block.text for block in doc.body if isinstance(block, Paragraph | Heading))


def test_approved_cases_say_so_and_a_clean_notice_reads_no_objection():
    rows = [ResultRow("笛扬社区党总支", "柯桥街道", 2, None, APPROVED, 0),
            ResultRow("华舍社区党支部", "华舍街道", 4, 1, NOTICED, 0, 0, PERIOD)]
    text = _text(results_document(year=2010, issuer=make_issuer(), rows=rows))
    assert "二星级党组织1个经社区(居)党组织自评申报、街道党工委考核评定，报县基层党组织“评星晋级”工作领导小组办公室审定，按规定不作公示" in text
    assert "四星级党组织1个在街道党工委考核评定的基础上" in text
    assert "（公示期2010年12月1日至2010年12月7日），公示期满无异议" in text


def test_answered_objections_are_stated_and_never_read_as_no_objection():
    rows = [ResultRow("华舍社区党支部", "华舍街道", 4, 1, NOTICED, 2, 0, PERIOD)]
    text = _text(results_document(year=2010, issuer=make_issuer(), rows=rows))
    assert "华舍社区党支部公示期间收到异议2件，经调查核实均不成立" in text
    assert "无异议" not in text


def test_a_mixed_batch_says_which_had_no_objection_and_what_became_of_the_upheld_one():
    rows = [ResultRow("甲社区党委", "柯桥街道", 5, 0, NOTICED, 0),
            ResultRow("乙社区党委", "柯桥街道", 4, 0, NOTICED, 3, 1),
            ResultRow("丙社区党委", "柯桥街道", 3, -1, APPROVED_AFTER_ACCEPTANCE, 1, 1)]
    text = _text(results_document(year=2010, issuer=make_issuer(), rows=rows))
    assert "四至五星级党组织2个" in text and "其中1个公示期满无异议" in text
    assert "乙社区党委公示期间收到异议3件，其中1件经调查核实成立，2件经调查核实不成立，经退回重新验收并重新公示，评定为四星级" in text
    assert "丙社区党委经街道党工委考核评定、县基层党组织“评星晋级”工作领导小组办公室验收，按验收核实的星级审定" in text
    assert "丙社区党委公示期间收到异议1件，经调查核实成立，经退回重新验收，按实际星级审定为三星级" in text


def test_unrecorded_objections_claim_nothing():
    text = _text(results_document(year=2010, issuer=make_issuer(), rows=[("甲社区党委", "柯桥街道", 5, 0)]))
    assert "向社会公示" in text and "异议" not in text


def test_a_partial_batch_speaks_of_itself_not_of_the_year():
    rows = [ResultRow(f"{n}社区党委", "柯桥街道", 3, 0, APPROVED, 0) for n in "甲乙丙"]
    doc = results_document(year=2010, issuer=make_issuer(), rows=rows, batch=1, pending=22)
    text = _text(doc)
    assert doc.title.replace("\n", "") == "关于公布2010年度城市社区党组织“评星晋级”评定结果（第一批）的通知"
    assert "本批公布城市社区党组织3个" in text and "本年度另有22个党组织正在评定中" in text
    assert "本年度共评定" not in text and "占100.0%" not in text
    second = results_document(year=2010, issuer=make_issuer(), rows=rows, batch=2, pending=0)
    assert "（第二批）" in second.title and "至此，2010年度评定结果已全部公布" in _text(second)


def test_a_single_document_for_the_whole_year_gives_the_year_figures():
    rows = [ResultRow("甲社区党委", "柯桥街道", 3, 0, APPROVED, 0)]
    doc = results_document(year=2010, issuer=make_issuer(), rows=rows)
    assert "第一批" not in doc.title and "以上共评定城市社区党组织1个" in _text(doc)


def test_a_year_end_report_with_pending_cases_is_marked_as_of_a_day():
    doc = year_end_report_document(year=2010, issuer=make_issuer(), counts_by_star={3: 3},
                                   counts_by_street={"柯桥街道": {3: 3}}, pending=22, as_of=date(2010, 12, 20))
    text = _text(doc)
    assert doc.title.endswith("（截至12月20日）")
    assert "截至12月20日（评定中22个），已公布评定结果的基层党组织3个" in text
    assert "全年共评定" not in text
