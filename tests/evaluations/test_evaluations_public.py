"""The 五亮 public page (no login): standards, pledges, procedure, results, commendations; the
final grades appear only once the organization has confirmed and published them, never a count
of votes per person; each publication is a versioned snapshot; the A3 poster with its QR code."""

from __future__ import annotations

import io
import re
import secrets

import pytest
from evaluation_world import make_evaluation_world, marks_for
from pypdf import PdfReader

from pingxing.evaluations import services
from pingxing.evaluations.casting import ballot_cast_by_code, ballot_cast_by_member
from pingxing.evaluations.disclosure import (
    Dates,
    build_content,
    disclosure_publish,
    procedure,
    rewards,
)
from pingxing.evaluations.disclosure_models import Disclosure
from pingxing.evaluations.proposal import parse_rules
from pingxing.evaluations.services import rules_for

pytestmark = pytest.mark.django_db


def _vote_and_tally(w, *, masses: int = 5):
    """Every member votes (member 0 graded 优秀 by all), `masses` codes vote, then close and tally."""
    star = w.members[0]
    for account, member in zip(w.accounts, w.members, strict=True):
        ballot_cast_by_member(evaluation=w.evaluation, user=account, request_key=secrets.token_urlsafe(12),
                              marks=marks_for(w, voter_member_id=member.pk, grades={star.pk: "excellent"}))
    for code in services.codes_issue(evaluation=w.evaluation, count_=masses, by=w.secretary):
        ballot_cast_by_code(code=code, request_key=secrets.token_urlsafe(12),
                            marks=marks_for(w, grades={star.pk: "excellent"}))
    w.evaluation = services.evaluation_advance(evaluation=w.evaluation, by=w.secretary)
    w.evaluation = services.evaluation_tally(evaluation=w.evaluation, by=w.secretary)
    w.entries = {e.member_id: e for e in w.evaluation.roll.all()}
    return w


def _grade(w, *, override: dict[int, tuple[str, str]] | None = None):
    grades = {e.pk: (e.proposed_grade, "") for e in w.entries.values()}
    for member_id, value in (override or {}).items():
        grades[w.entries[member_id].pk] = value
    w.evaluation = services.grades_record(evaluation=w.evaluation, grades=grades, body="支委会",
                                          on=w.evaluation.tallied_at.date(), by=w.secretary)
    return w


def _publish(w):
    w.evaluation = services.evaluation_publish(evaluation=w.evaluation, by=w.secretary)
    return disclosure_publish(evaluation=w.evaluation, by=w.secretary)


def _page(client, org_id, suffix=""):
    response = client.get(f"/evaluations/public/{org_id}/{suffix}")
    return response, response.content.decode()


def test_the_page_shows_final_grades_only_after_confirmation_and_never_counts_per_person(
        client, django_assert_max_num_queries):
    w = _vote_and_tally(make_evaluation_world(members=6))
    star, other = w.members[0], w.members[1]
    assert w.entries[star.pk].proposed_grade == "excellent"

    # Tallied, not yet assessed: standards and procedure public, no result of anybody.
    response, page = _page(client, w.org.pk)
    assert response.status_code == 200
    assert "亮标准" in page and "亮承诺" in page and "亮程序" in page and "亮结果" in page and "亮奖惩" in page
    assert "评议结果经党组织评定、确认后公布。" in page
    assert 'id="wl-grades"' not in page
    assert star.name not in page and other.name not in page

    # Assessed (with one grade differing from the proposal) but not published: still nothing.
    _grade(w, override={other.pk: ("basically_qualified", "长期不参加组织生活，支委会研究评定")})
    _response, page = _page(client, w.org.pk)
    assert star.name not in page and "基本合格</span>" not in page

    _publish(w)
    # the snapshot as it was stored (5), and the points bands under 亮结果 (3, whatever the count)
    with django_assert_max_num_queries(8):
        _response, page = _page(client, w.org.pk)
    grades = dict(re.findall(r'<span class="name">([^<]+)</span> <span class="grade">([^<]+)</span>', page))
    assert grades[star.name] == "优秀"
    assert grades[other.name] == "基本合格"  # the organization's grade, not the proposal
    assert len(grades) == 6
    assert "评为“优秀”、予以表扬的党员：" + star.name in page
    # No counts per person, no proposal, no reason of the committee.
    shown = page[page.index('id="wl-results"'):]
    results = shown[:shown.index("</section>")]
    assert "票" not in results and "建议" not in results
    assert "优秀5" not in page and "票（" not in page
    assert w.entries[star.pk].proposal_text not in page
    assert "长期不参加组织生活，支委会研究评定" not in page
    # The distribution over grades is public, the per-person figures are not.
    assert "优秀 1 名" in page and "基本合格 1 名" in page
    # Anyone can check their receipt on the public tracker list.
    assert f'href="/evaluations/{w.evaluation.pk}/trackers/"' in page


def test_the_standards_are_the_rules_in_force_in_words_with_the_checklist(client):
    w = make_evaluation_world(members=3, state="self_assessment")
    rules = parse_rules(w.evaluation.rules_source)
    _response, page = _page(client, w.org.pk)
    for rule in rules.rules:
        assert rule.reason in page
        for condition in rule.conditions:
            assert condition.describe() in page
    for item in rules.conduct:
        assert item.text in page
    assert "评为“优秀”的不超过参评党员的30%" in page
    # 亮承诺 links to the organization's published pioneer pledges.
    assert f'href="/pledges/public/{w.org.pk}/?year={w.evaluation.year}" id="wl-pledges-link"' in page
    # The procedure: preparation done, self-assessment reached, the ballot not yet.
    steps = re.findall(r'<li class="(done)?">([^<（]+)', page[page.index('id="wl-procedure"'):])
    assert [done for done, _step in steps][:3] == ["done", "done", ""]


def test_each_publication_is_a_versioned_snapshot(client):
    w = _grade(_vote_and_tally(make_evaluation_world(members=6)))
    first = _publish(w)
    assert first.version == 1
    # Publishing again with nothing new keeps the version.
    assert disclosure_publish(evaluation=w.evaluation, by=w.secretary).pk == first.pk
    # A member renamed later: the publication keeps what was shown.
    star = w.members[0]
    old_name = star.name
    star.name = "改名后"
    star.save(update_fields=["name"])
    _response, page = _page(client, w.org.pk)
    assert old_name in page and "改名后" not in page
    assert "第 1 版" in page

    # The next year's evaluation, under way: the page shows it (no results), then its snapshot.
    w.evaluation = services.evaluation_create(organization=w.org, year=2027, by=w.secretary)
    _response, page = _page(client, w.org.pk)
    assert "2027年度" in page and 'id="wl-grades"' not in page
    assert "2026年度 · 第 1 版" in page  # the earlier publication stays listed
    _response, page = _page(client, w.org.pk, "v1/")
    assert old_name in page and 'id="wl-grades"' in page
    assert Disclosure.objects.get(organization=w.org, version=1).content["year"] == 2026


def test_the_page_needs_no_login_and_says_so_when_there_is_nothing(client):
    w = make_evaluation_world(members=2, state="preparation")
    response, page = _page(client, w.other_org.pk)
    assert response.status_code == 404 and "该党组织尚未公开民主评议党员情况。" in page
    response, _page_text = _page(client, 999999)
    assert response.status_code == 404
    response, _page_text = _page(client, w.org.pk, "v7/")
    assert response.status_code == 404
    response, page = _page(client, w.org.pk)
    assert response.status_code == 200 and "笛扬社区党委" in page


def test_the_poster_is_an_a3_portrait_pdf_with_the_page_address(client):
    w = _grade(_vote_and_tally(make_evaluation_world(members=6)))
    _publish(w)
    response = client.get(f"/evaluations/public/{w.org.pk}/poster.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (297, 420)
    text = "".join(p.extract_text() for p in reader.pages)
    assert f"/evaluations/public/{w.org.pk}/" in text
    assert w.members[0].name in text and "亮结果" in text
    # The QR code is drawn in the PDF (an SVG turned into vector paths, not a fetched image).
    assert len(response.content) > 5000


def test_the_content_is_built_from_plain_values():
    rules = rules_for()
    content = build_content(org_id=1, org_name="某社区党支部", year=2026, rules=rules, min_ballots=5,
                            dates=Dates(state="balloting"), grades=None, excused=0)
    assert content["results"] == {"published": False, "entries": [], "distribution": [], "excused": 0}
    assert content["rewards"]["commended"] == []
    published = build_content(org_id=1, org_name="某社区党支部", year=2026, rules=rules, min_ballots=5,
                              dates=Dates(state="published"), grades=[("甲", "excellent"), ("乙", "unqualified")],
                              excused=1)
    assert published["results"]["entries"] == [{"name": "甲", "grade": "优秀"}, {"name": "乙", "grade": "不合格"}]
    assert published["rewards"]["commended"] == ["甲"]
    assert published["evaluation"] == {"id": None, "closed": True}
    assert rewards([("乙", "unqualified")], [("乙", "限期改正，经街道党工委批准")])["outcomes"] == [
        {"name": "乙", "text": "限期改正，经街道党工委批准"}]
    assert [s["done"] for s in procedure(Dates(state="closed"))][:4] == [True, True, True, False]


def test_the_demo_has_evaluations_at_different_steps_with_a_public_page(client):
    from pingxing.demo import load_demo_if_empty
    from pingxing.evaluations.models import Ballot, Evaluation
    from pingxing.evaluations.reports import overview

    assert load_demo_if_empty() is True
    members_evaluations = Evaluation.objects.filter(subject="members")
    states = dict(members_evaluations.values_list("organization__name", "state"))
    assert states == {"笛扬社区党总支": "balloting", "柯亭社区党支部": "published", "湖西社区党支部": "published",
                      "瓜渚社区党总支": "self_assessment", "大渡社区党支部": "preparation"}
    diyang = members_evaluations.get(organization__name="笛扬社区党总支")
    assert Ballot.objects.filter(evaluation=diyang).count() == 6
    huxi = Evaluation.objects.get(organization__name="湖西社区党支部")
    assert huxi.roll.filter(final_grade="unqualified").count() == 1
    keting = Evaluation.objects.get(organization__name="柯亭社区党支部")
    _response, page = _page(client, keting.organization_id)
    assert 'id="wl-grades"' in page and "第 1 版" in page
    # The balloting community's page shows its standards and procedure, no results.
    _response, page = _page(client, diyang.organization_id)
    assert "评议结果经党组织评定、确认后公布。" in page
    # 笛扬's leadership was evaluated too: tallied and published, the demo member among the voters.
    leadership = Evaluation.objects.get(organization__name="笛扬社区党总支", subject="leadership")
    assert leadership.state == "published" and leadership.roll.count() == 4
    assert leadership.cast_records.filter(user__username="member_diyang").exists()
    from pingxing.evaluations.queries import evaluation_count

    assert evaluation_count(leadership).ballots == {"members": 7, "masses": 5}
    assert "班子成员" not in page
    # The street's overview covers its 26 organizations and the 3 regional ones (区域化、专业协会、产业链),
    # five with an evaluation.
    rows = overview(root_path=keting.organization.street().path, year=keting.year)
    assert len(rows) == 29 and sum(1 for r in rows if r.evaluation_id) == 5
