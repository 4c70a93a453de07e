"""Organizational handling (组织处置) through the pages: opening a case after the grades, the
street's pre-review and approval, the branch meeting's quorum, talks, the chain 限期改正 → 劝退
→ 除名, and overdue steps on the street's home page."""

from __future__ import annotations

import secrets
from datetime import timedelta

import pytest
from django.utils import timezone
from evaluation_world import make_evaluation_world, marks_for

from factories import make_community, make_members, make_street, make_user
from pingxing.audit.models import AuditEntry
from pingxing.evaluations import handling, services
from pingxing.evaluations.casting import ballot_cast_by_member
from pingxing.evaluations.handling_models import HandlingCase, HandlingStep
from pingxing.evaluations.services import EvaluationError
from pingxing.members.models import Member

pytestmark = pytest.mark.django_db
NOT_A_SANCTION = "组织处置不是党纪处分"


def _day(days: int) -> str:
    return str(timezone.localdate() + timedelta(days=days))


@pytest.fixture
def assessed():
    """Eight members: #0 graded 不合格, #1 基本不合格, #6 excused (abroad), #7 probationary.
    Full members entitled to the branch meeting: 7 − 1 excused = 6."""
    w = make_evaluation_world(members=8, state="preparation")
    Member.objects.filter(pk=w.members[7].pk).update(status="probationary")
    services.entry_excuse(entry=w.entries[w.members[6].pk], reason="abroad", by=w.secretary)
    for _ in range(2):
        w.evaluation = services.evaluation_advance(evaluation=w.evaluation, by=w.secretary)
    w.entries = {e.member_id: e for e in w.evaluation.roll.select_related("member")}
    for account, member in zip(w.accounts, w.members, strict=True):
        if not w.entries[member.pk].excused:
            ballot_cast_by_member(evaluation=w.evaluation, user=account, request_key=secrets.token_urlsafe(12),
                                  marks=marks_for(w, voter_member_id=member.pk))
    w.evaluation = services.evaluation_advance(evaluation=w.evaluation, by=w.secretary)
    w.evaluation = services.evaluation_tally(evaluation=w.evaluation, by=w.secretary)
    low = {w.members[0].pk: "unqualified", w.members[1].pk: "basically_unqualified"}
    grades = {e.pk: (low.get(e.member_id, e.proposed_grade), "长期不参加组织生活" if e.member_id in low else "")
              for e in w.evaluation.roll.filter(excused=False)}
    services.grades_record(evaluation=w.evaluation, grades=grades, body="党员大会", on=timezone.localdate(),
                           by=w.secretary)
    w.unqualified = w.evaluation.roll.get(member=w.members[0])
    w.basically = w.evaluation.roll.get(member=w.members[1])
    return w


def _open(client, w, entry) -> HandlingCase:
    client.force_login(w.secretary)
    response = client.post(f"/evaluations/{w.evaluation.pk}/handling/open/", {"entry": entry.pk})
    case = HandlingCase.objects.get(entry=entry)
    assert response.status_code == 302 and response["Location"] == f"/evaluations/handling/{case.pk}/"
    return case


def _act(client, user, case, action, data) -> str:
    client.force_login(user)
    step = case.steps.order_by("-pk").first()
    response = client.post(f"/evaluations/handling/{case.pk}/steps/{step.pk}/{action}/", data, follow=True)
    assert response.status_code == 200
    return response.content.decode()


def _to_meeting(client, w) -> HandlingCase:
    case = _open(client, w, w.unqualified)
    _act(client, w.secretary, case, "draft", {"drafted_on": _day(-10), "due_on": _day(60),
                                              "draft_text": "支委会研究，建议限期三个月改正。"})
    _act(client, w.street_user, case, "prereview", {"passed": "yes", "note": ""})
    return case


def _meeting(present: int, votes_for: int, against: int = 0, abstained: int = 0) -> dict[str, object]:
    return {"held_on": _day(0), "present": present, "votes_for": votes_for, "votes_against": against,
            "abstained": abstained}


def test_the_meeting_is_refused_when_too_few_full_members_are_present(assessed, client):
    w = assessed
    case = _to_meeting(client, w)
    page = _act(client, w.secretary, case, "meeting", _meeting(present=3, votes_for=3))
    assert "到会人数不足：应到会有表决权的正式党员6人，实到3人，须超过半数（至少4人）到会才能表决。" in page
    step = case.steps.get()
    assert step.votes_for is None and step.meeting_on is None
    assert "待支部党员大会表决" in page


def test_a_decision_needs_more_than_half_of_the_entitled(assessed, client):
    w = assessed
    case = _to_meeting(client, w)
    page = _act(client, w.secretary, case, "meeting", _meeting(present=5, votes_for=3, against=2))
    assert ("表决未通过：应到会有表决权的正式党员6人，实到5人，赞成3票，须超过应到会人数的半数（至少4票）。"
            in page)
    page = _act(client, w.secretary, case, "meeting", _meeting(present=5, votes_for=4, against=1))
    assert "应到会有表决权的正式党员 6 人，实到 5 人；赞成 4，反对 1，弃权 0" in page
    assert "待上级党组织批准" in page


def test_more_present_than_entitled_is_refused_with_the_figures(assessed, client):
    w = assessed
    case = _to_meeting(client, w)
    page = _act(client, w.secretary, case, "meeting", _meeting(present=7, votes_for=7))
    assert "表决人数有误：应到6人" in page


def test_unqualified_goes_from_correction_to_persuasion_to_expulsion(assessed, client):
    w = assessed
    case = _to_meeting(client, w)
    _act(client, w.secretary, case, "meeting", _meeting(present=5, votes_for=5))
    _act(client, w.street_user, case, "approve", {"approved_on": _day(0), "body": "柯桥街道党工委",
                                                  "ref": "柯街党〔2026〕12号"})
    page = _act(client, w.secretary, case, "outcome", {"outcome": "not_passed", "note": "期满仍无转变"})
    assert "劝其退党" in page and "未改正（未通过）" in page
    # 劝退: the same procedure, and a talk before the member's answer.
    _act(client, w.secretary, case, "draft", {"drafted_on": _day(0), "due_on": _day(30),
                                              "draft_text": "经教育仍无转变，劝其退党。"})
    _act(client, w.street_user, case, "prereview", {"passed": "yes"})
    _act(client, w.secretary, case, "meeting", _meeting(present=6, votes_for=5, abstained=1))
    _act(client, w.street_user, case, "approve", {"approved_on": _day(0), "body": "柯桥街道党工委"})
    page = _act(client, w.secretary, case, "outcome", {"outcome": "refused"})
    assert "劝其退党须先同本人谈话，请先记录谈心谈话。" in page
    page = _act(client, w.secretary, case, "talk", {"talked_on": _day(0), "talker": "支部书记",
                                                     "summary": "传达支部大会决定，本人表示不愿退党。"})
    assert "传达支部大会决定" in page
    page = _act(client, w.secretary, case, "outcome", {"outcome": "refused"})
    assert "除名" in page
    _act(client, w.secretary, case, "draft", {"drafted_on": _day(0), "due_on": _day(30),
                                              "draft_text": "坚持不退党，予以除名。"})
    _act(client, w.street_user, case, "prereview", {"passed": "yes"})
    _act(client, w.secretary, case, "meeting", _meeting(present=6, votes_for=6))
    _act(client, w.street_user, case, "approve", {"approved_on": _day(0), "body": "柯桥街道党工委"})
    page = _act(client, w.secretary, case, "outcome", {"outcome": "expelled"})
    case.refresh_from_db()
    assert case.outcome == "expelled" and case.closed_on == timezone.localdate()
    assert "处置结束：已除名" in page
    assert [s.kind for s in case.steps.order_by("pk")] == ["correct", "persuade", "expel"]
    assert NOT_A_SANCTION in page
    # Every step is in the audit trail under one action code.
    assert AuditEntry.objects.filter(action="eval_handling").count() >= 17


def test_the_street_sends_a_draft_back_and_the_committee_drafts_it_again(assessed, client):
    w = assessed
    case = _open(client, w, w.unqualified)
    _act(client, w.secretary, case, "draft", {"drafted_on": _day(-3), "due_on": _day(60), "draft_text": "限期一个月改正"})
    page = _act(client, w.street_user, case, "prereview", {"passed": "no", "note": ""})
    assert "预审不通过时请写明意见。" in page
    page = _act(client, w.street_user, case, "prereview", {"passed": "no", "note": "期限过短，请补充改正要求"})
    assert "退回修改" in page and "期限过短" in page
    page = _act(client, w.secretary, case, "meeting", _meeting(present=5, votes_for=5))
    assert "当前待街道预审，不能进行这一步" in page
    _act(client, w.secretary, case, "draft", {"drafted_on": _day(-1), "due_on": _day(90),
                                              "draft_text": "限期三个月改正，每月向支部汇报一次。"})
    page = _act(client, w.street_user, case, "prereview", {"passed": "yes"})
    assert "待支部党员大会表决" in page


def test_basically_unqualified_gets_a_plan_with_a_helper_reviewed_at_the_end(assessed, client):
    w = assessed
    case = _open(client, w, w.basically)
    page = _act(client, w.secretary, case, "draft", {"drafted_on": _day(-1), "due_on": _day(90),
                                                     "draft_text": "每月参加组织生活", "helper": w.members[1].pk})
    assert "请从本组织党员中选定帮扶人（不能是本人）。" in page
    outsider = make_members(organization=w.other_org, count=1)[0]
    page = _act(client, w.secretary, case, "draft", {"drafted_on": _day(-1), "due_on": _day(90),
                                                     "draft_text": "每月参加组织生活", "helper": outsider.pk})
    assert "请从本组织党员中选定帮扶人" in page
    helper = w.members[2]
    page = _act(client, w.secretary, case, "draft", {"drafted_on": _day(-1), "due_on": _day(90),
                                                     "draft_text": "每月参加组织生活", "helper": helper.pk})
    assert f"<dd>{helper.name}</dd>" in page and "待审核结果" in page
    page = _act(client, w.secretary, case, "outcome", {"outcome": "expelled"})
    assert "请选择“" in page  # 除名 is no outcome of a rectification plan
    page = _act(client, w.secretary, case, "outcome", {"outcome": "passed", "note": "整改到位"})
    case.refresh_from_db()
    assert case.outcome == "passed" and "处置结束：已改正（通过）" in page


def test_handling_opens_only_after_the_grades_and_only_for_the_two_low_grades(assessed, client):
    w = assessed
    good = w.evaluation.roll.get(member=w.members[2])
    client.force_login(w.secretary)
    page = client.post(f"/evaluations/{w.evaluation.pk}/handling/open/", {"entry": good.pk}, follow=True)
    assert "无需组织处置" in page.content.decode()
    _open(client, w, w.unqualified)
    page = client.post(f"/evaluations/{w.evaluation.pk}/handling/open/", {"entry": w.unqualified.pk}, follow=True)
    assert "的组织处置已经启动。" in page.content.decode()
    assert HandlingCase.objects.count() == 1
    balloting = make_evaluation_world(members=3, year=2025)
    entry = balloting.evaluation.roll.first()
    with pytest.raises(EvaluationError, match="组织评定等次记录后"):
        handling.case_open(entry=entry, by=balloting.secretary)


def test_the_list_page_shows_the_cases_and_the_candidates_and_says_it_is_no_sanction(assessed, client):
    w = assessed
    _open(client, w, w.unqualified)
    page = client.get(f"/evaluations/{w.evaluation.pk}/handling/").content.decode()
    assert NOT_A_SANCTION in page
    assert w.members[0].name in page and "限期改正" in page
    candidates = page[page.index('id="handling-candidates"'):]
    assert w.members[1].name in candidates and w.members[0].name not in candidates
    client.force_login(w.street_user)
    assert NOT_A_SANCTION in client.get(f"/evaluations/{w.evaluation.pk}/handling/").content.decode()


def test_an_overdue_step_appears_on_the_street_home_page(assessed, client):
    w = assessed
    case = _open(client, w, w.basically)
    _act(client, w.secretary, case, "draft", {"drafted_on": _day(-40), "due_on": _day(-1),
                                              "draft_text": "一个月内整改", "helper": w.members[3].pk})
    open_case = _open(client, w, w.unqualified)  # not drafted: no deadline, not overdue
    client.force_login(w.street_user)
    home = client.get("/").content.decode()
    card = home[home.index('id="handling-overdue"'):]
    card = card[:card.index("</ul>")]
    assert f"{w.org.name} {w.members[1].name}：整改" in card
    assert f"/evaluations/handling/{case.pk}/" in card
    assert f"/evaluations/handling/{open_case.pk}/" not in card
    assert _day(-1) in card
    # The case page flags it too.
    assert "已逾期" in client.get(f"/evaluations/handling/{case.pk}/").content.decode()
    # Another street does not see it; neither does the organization's own secretary have the card.
    other_street = make_street(parent=w.county, name="华舍街道党工委")
    make_community(parent=other_street, name="蜀阜社区党支部")
    client.force_login(make_user(role="street", organization=other_street))
    home = client.get("/").content.decode()
    assert 'id="handling-overdue"' in home and w.members[1].name not in home
    client.force_login(w.secretary)
    assert 'id="handling-overdue"' not in client.get("/").content.decode()
    # Once reviewed, it is no longer overdue.
    _act(client, w.secretary, case, "outcome", {"outcome": "passed"})
    client.force_login(w.street_user)
    home = client.get("/").content.decode()
    card = home[home.index('id="handling-overdue"'):]
    assert card.startswith('id="handling-overdue"><div class="num">0</div>')
    assert f"/evaluations/handling/{case.pk}/" not in home


def test_the_home_card_reads_a_bounded_number_of_queries(assessed, client, django_assert_max_num_queries):
    w = assessed
    for entry in (w.basically, w.unqualified):
        case = _open(client, w, entry)
        _act(client, w.secretary, case, "draft", {"drafted_on": _day(-40), "due_on": _day(-2),
                                                  "draft_text": "限期整改改正", "helper": w.members[3].pk})
    HandlingStep.objects.filter(kind="correct").update(due_on=timezone.localdate() - timedelta(days=2))
    client.force_login(w.street_user)
    client.get("/")
    with django_assert_max_num_queries(40):
        home = client.get("/").content.decode()
    assert home.count("/evaluations/handling/") >= 2


def test_bad_ids_and_roles_outside_their_part_get_404_never_500(assessed, client):
    w = assessed
    case = _to_meeting(client, w)
    step = case.steps.get()
    client.force_login(w.secretary)
    assert client.get("/evaluations/handling/99999999999999999999999/").status_code == 404
    assert client.get("/evaluations/handling/0/").status_code == 404
    assert client.post(f"/evaluations/handling/{case.pk}/steps/{step.pk}/burn/").status_code == 404
    assert client.post(f"/evaluations/handling/{case.pk}/steps/999999/talk/").status_code == 404
    assert client.post(f"/evaluations/{w.evaluation.pk}/handling/open/", {"entry": "x"}).status_code == 302
    # Bad input is a message naming the fields, not an error page.
    page = client.post(f"/evaluations/handling/{case.pk}/steps/{step.pk}/meeting/",
                       {"held_on": "昨天", "present": "五"}, follow=True).content.decode()
    assert "请检查以下各项：党员大会日期、实到" in page
    # The organization's staff do not pre-review or approve; the street does not vote.
    assert client.post(f"/evaluations/handling/{case.pk}/steps/{step.pk}/approve/",
                       {"approved_on": _day(0), "body": "x"}).status_code == 404
    client.force_login(w.street_user)
    assert client.post(f"/evaluations/handling/{case.pk}/steps/{step.pk}/meeting/",
                       _meeting(5, 5)).status_code == 404
    # Another organization's secretary sees nothing of it.
    client.force_login(w.other_secretary)
    assert client.get(f"/evaluations/handling/{case.pk}/").status_code == 404
    assert client.get(f"/evaluations/{w.evaluation.pk}/handling/").status_code == 404
    step.refresh_from_db()
    assert step.votes_for is None and step.approved_on is None
    assert AuditEntry.objects.filter(action="denied", object_type="evaluations.handling").exists()


def test_a_member_under_handling_can_not_open_the_case(assessed, client):
    w = assessed
    case = _open(client, w, w.unqualified)
    client.force_login(w.accounts[0])
    assert client.get(f"/evaluations/handling/{case.pk}/").status_code == 404


def test_each_side_sees_only_the_forms_of_its_own_part(assessed, client):
    w = assessed
    case = _open(client, w, w.unqualified)
    _act(client, w.secretary, case, "draft", {"drafted_on": _day(-3), "due_on": _day(60),
                                              "draft_text": "限期三个月改正"})
    client.force_login(w.street_user)
    page = client.get(f"/evaluations/handling/{case.pk}/").content.decode()
    assert 'id="prereview-form"' in page and 'id="draft-form"' not in page and 'id="talk-form"' not in page
    client.force_login(w.county_user)
    page = client.get(f"/evaluations/handling/{case.pk}/").content.decode()
    assert NOT_A_SANCTION in page and "限期三个月改正" in page
    _act(client, w.street_user, case, "prereview", {"passed": "yes"})
    client.force_login(w.secretary)
    page = client.get(f"/evaluations/handling/{case.pk}/").content.decode()
    assert 'id="meeting-form"' in page and 'id="prereview-form"' not in page
    assert "应到会有表决权的正式党员 6 人" in page
    client.force_login(w.street_user)
    page = client.get(f"/evaluations/handling/{case.pk}/").content.decode()
    assert 'id="meeting-form"' not in page and 'id="approval-form"' not in page


def test_an_approved_outcome_appears_on_the_public_page_as_a_new_version(assessed, client):
    w = assessed
    services.evaluation_publish(evaluation=w.evaluation, by=w.secretary)
    public = f"/evaluations/public/{w.org.pk}/"
    before = client.get(public).content.decode()
    assert "限期改正：" not in before
    case = _to_meeting(client, w)
    _act(client, w.secretary, case, "meeting", _meeting(present=5, votes_for=5))
    _act(client, w.street_user, case, "approve", {"approved_on": _day(0), "body": "柯桥街道党工委"})
    _act(client, w.secretary, case, "outcome", {"outcome": "passed", "note": "已按期改正"})
    client.logout()
    page = client.get(public).content.decode()
    assert f"{w.members[0].name}：限期改正：" in page and "柯桥街道党工委" in page
    assert "赞成" not in page  # the vote of the branch meeting is not published
