"""The 民主评议党员情况汇总表 (page, Excel, PDF) for the organization and the street, only after
the tally, with suppression of a class under the minimum; the street's overview."""

from __future__ import annotations

import io
import secrets

import pytest
from evaluation_world import make_evaluation_world, marks_for
from openpyxl import load_workbook
from pypdf import PdfReader

from factories import make_community, make_members, make_user
from pingxing.audit.models import AuditEntry
from pingxing.evaluations import services
from pingxing.evaluations.casting import ballot_cast_by_code, ballot_cast_by_member

pytestmark = pytest.mark.django_db


def _vote(w, *, masses: int, low: int | None = None):
    """Every member votes; member 0 graded 优秀 by all; `masses` codes vote too."""
    star = w.members[0]
    grades = {star.pk: "excellent"}
    if low is not None:
        grades[low] = "unqualified"
    for account, member in zip(w.accounts, w.members, strict=True):
        ballot_cast_by_member(evaluation=w.evaluation, user=account, request_key=secrets.token_urlsafe(12),
                              marks=marks_for(w, voter_member_id=member.pk, grades=grades))
    for code in services.codes_issue(evaluation=w.evaluation, count_=max(masses, 1), by=w.secretary)[:masses]:
        ballot_cast_by_code(code=code, request_key=secrets.token_urlsafe(12), marks=marks_for(w, grades=grades))


def _close_and_tally(w):
    w.evaluation = services.evaluation_advance(evaluation=w.evaluation, by=w.secretary)
    w.evaluation = services.evaluation_tally(evaluation=w.evaluation, by=w.secretary)
    return w.evaluation


def _rows(content: bytes) -> list[list]:
    ws = load_workbook(io.BytesIO(content)).active
    return [[c.value for c in row] for row in ws.iter_rows()]


def test_the_summary_table_counts_per_grade_per_class_and_suppresses_a_class_under_five(client):
    w = make_evaluation_world(members=6)
    _vote(w, masses=4)
    evaluation = _close_and_tally(w)
    client.force_login(w.secretary)
    response = client.get(f"/evaluations/{evaluation.pk}/report.xlsx")
    assert response.status_code == 200
    rows = _rows(response.content)
    assert rows[0][0] == "笛扬社区党委 2026年度民主评议党员情况汇总表"
    assert "党外群众代表测评票：不足 5 票，不公布" in rows[1][0] and "党员测评票：6 张" in rows[1][0]
    header = rows[2]
    star = next(r for r in rows[3:] if r[1] == w.members[0].name)
    cell = dict(zip(header, star, strict=True))
    assert cell["党员测评票数"] == 5 and cell["党员测评·优秀"] == 5 and cell["党员测评·合格"] == 0
    assert cell["群众测评票数"] == "不公布" and cell["群众测评·优秀"] == "不公布"
    assert cell["建议等次"] == "合格"  # 优秀 needs the masses too, whose ballots are not published
    assert cell["评定等次"] is None
    assert len(rows) == 3 + 6
    # The download is recorded in the audit trail.
    assert AuditEntry.objects.filter(action="export", object_id=str(evaluation.pk)).exists()


def test_the_summary_shows_proposed_and_final_grades_and_the_reason_of_a_difference(client):
    w = make_evaluation_world(members=6)
    _vote(w, masses=5)
    evaluation = _close_and_tally(w)
    star = w.members[0]
    entries = {e.member_id: e for e in evaluation.roll.all()}
    assert entries[star.pk].proposed_grade == "excellent"
    grades = {e.pk: (e.proposed_grade, "") for e in entries.values()}
    grades[entries[star.pk].pk] = ("qualified", "优秀名额经支委会研究另行确定")
    services.grades_record(evaluation=evaluation, grades=grades, body="支委会", on=evaluation.tallied_at.date(),
                           by=w.secretary)
    client.force_login(w.street_user)
    page = client.get(f"/evaluations/{evaluation.pk}/report/").content.decode()
    row = page[page.index(f"<td>{star.name}</td>"):]
    row = row[:row.index("</tr>")]
    assert "<td>优秀</td><td>合格</td><td>优秀名额经支委会研究另行确定</td>" in row
    assert "<td>5</td><td>5</td><td>0</td>" in row  # 5 ballots of members: 优秀 5, 合格 0 …


def test_the_pdf_is_an_a4_landscape_table_with_page_numbers(client):
    w = make_evaluation_world(members=6)
    _vote(w, masses=5)
    evaluation = _close_and_tally(w)
    client.force_login(w.clerk)
    response = client.get(f"/evaluations/{evaluation.pk}/report.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (297, 210)
    text = reader.pages[0].extract_text()
    assert "民主评议党员情况汇总表" in text and w.members[0].name in text and "— 1 —" in text


def test_no_summary_before_the_tally_for_anyone_and_none_for_another_organization(client):
    w = make_evaluation_world(members=6)
    _vote(w, masses=5)
    for user in (w.secretary, w.clerk, w.street_user, w.county_user):
        client.force_login(user)
        for suffix in ("report/", "report.xlsx", "report.pdf"):
            response = client.get(f"/evaluations/{w.evaluation.pk}/{suffix}")
            assert response.status_code == 404
            assert "计票完成后才能查看民主评议党员情况汇总表。" in response.content.decode()
    _close_and_tally(w)
    for user in (w.other_secretary, w.accounts[0]):
        client.force_login(user)
        assert client.get(f"/evaluations/{w.evaluation.pk}/report.xlsx").status_code == 404
    client.force_login(w.street_user)
    assert client.get(f"/evaluations/{w.evaluation.pk}/report.xlsx").status_code == 200
    assert client.get(f"/evaluations/{w.evaluation.pk}/report.doc").status_code == 404


def test_a_name_that_looks_like_a_formula_stays_inert_text(client):
    w = make_evaluation_world(members=6)
    w.members[1].name = "=HYPERLINK(\"http://x\")"
    w.members[1].save(update_fields=["name"])
    _vote(w, masses=5)
    evaluation = _close_and_tally(w)
    client.force_login(w.secretary)
    content = client.get(f"/evaluations/{evaluation.pk}/report.xlsx").content
    ws = load_workbook(io.BytesIO(content)).active
    cell = next(c for row in ws.iter_rows(min_row=4) for c in row if c.column == 2 and "HYPERLINK" in str(c.value))
    assert cell.data_type == "s" and cell.quotePrefix


def test_the_street_overview_shows_progress_turnout_and_grades_once_tallied(client, django_assert_max_num_queries):
    w = make_evaluation_world(members=6)
    _vote(w, masses=5)
    # A third organization, balloting, with two of its four members voted: turnout, no figures.
    third = make_community(parent=w.street, name="柯岩社区党支部")
    third_members = make_members(organization=third, count=4)
    third_accounts = [make_user(role="member", organization=third, member=m) for m in third_members]
    third_secretary = make_user(role="secretary", organization=third)
    ev3 = services.evaluation_create(organization=third, year=2026, by=third_secretary)
    ev3 = services.evaluation_advance(evaluation=services.evaluation_advance(evaluation=ev3, by=third_secretary),
                                      by=third_secretary)
    entries3 = list(ev3.roll.all())
    for account, member in list(zip(third_accounts, third_members, strict=True))[:2]:
        ballot_cast_by_member(evaluation=ev3, user=account, request_key=secrets.token_urlsafe(12),
                              marks={str(e.pk): {"g": "qualified", "c": []} for e in entries3 if e.member_id != member.pk})
    client.force_login(w.street_user)
    page = client.get("/evaluations/overview/").content.decode()
    row = page[page.index(f'id="overview-{third.pk}"'):]
    row = row[:row.index("</tr>")]
    assert "民主测评" in row and "2 / 4" in row and "50%" in row
    assert "汇总表" not in row and row.count('<td class="muted">—</td>') == 5
    other = page[page.index(f'id="overview-{w.other_org.pk}"'):]
    assert "未开始" in other[:other.index("</tr>")]

    evaluation = _close_and_tally(w)
    entries = {e.member_id: e for e in evaluation.roll.all()}
    services.grades_record(evaluation=evaluation, grades={e.pk: (e.proposed_grade, "") for e in entries.values()},
                           body="支委会", on=evaluation.tallied_at.date(), by=w.secretary)
    with django_assert_max_num_queries(20):
        page = client.get("/evaluations/overview/").content.decode()
    row = page[page.index(f'id="overview-{w.org.pk}"'):]
    row = row[:row.index("</tr>")]
    assert "组织评定" in row and "6 / 6" in row and "100%" in row
    assert "<td>1</td><td>5</td><td>0</td><td>0</td><td>0</td>" in row  # 优秀 1, 合格 5
    assert "评定等次（已评定的党组织）：优秀 1、合格 5" in page


def test_the_overview_is_for_the_street_and_the_county_only_and_checks_the_year(client):
    w = make_evaluation_world(members=2, state="preparation")
    for user in (w.secretary, w.clerk, w.accounts[0]):
        client.force_login(user)
        assert client.get("/evaluations/overview/").status_code == 404
    client.force_login(w.county_user)
    page = client.get("/evaluations/overview/").content.decode()
    assert "笛扬社区党委" in page and "湖塘社区党支部" in page
    response = client.get("/evaluations/overview/?year=20x6")
    assert response.status_code == 200
    assert "年度“20x6”无效" in response.content.decode()
