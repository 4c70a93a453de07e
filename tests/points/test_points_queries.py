"""Statements computed in the database match a hand-computed fixture, and the list pages of a
street with 3,000 members and a year of entries run a bounded number of queries."""

from __future__ import annotations

import datetime as dt

import pytest
from bulk import build_street
from django.urls import reverse

from factories import make_street, make_user
from pingxing.points import queries, services

YEAR = 2026


def test_database_statements_match_the_hand_computed_fixture(world, photo):
    rec = services.entry_record
    # 甲一党员: Q1 +2 (B01) +3 (B02), Q2 -5 (D01), Q4 +10 (B03) → year 110, Q1 105, Q2 95.
    rec(member=world.m_a1, occurred_on=dt.date(YEAR, 1, 5), item_code="B01", by=world.clerk, evidence=photo())
    rec(member=world.m_a1, occurred_on=dt.date(YEAR, 3, 31), item_code="B02", by=world.clerk, evidence=photo())
    d = rec(member=world.m_a1, occurred_on=dt.date(YEAR, 4, 1), item_code="D01", by=world.clerk)
    rec(member=world.m_a1, occurred_on=dt.date(YEAR, 12, 31), item_code="B03", by=world.clerk, evidence=photo())
    # 甲一另一党员: Q2 -10 then reversed on appeal → 100; an entry of the year before does not count.
    d2 = rec(member=world.m_a1_other, occurred_on=dt.date(YEAR, 5, 2), item_code="D03", by=world.clerk,
             evidence=photo())
    appeal = services.appeal_file(entry=d2, reason="并非本人", by=world.member_user)
    services.appeal_decide(appeal=appeal, uphold=True, decision="核实", by=world.clerk)
    rec(member=world.m_a1_other, occurred_on=dt.date(YEAR - 1, 6, 1), item_code="B04", by=world.clerk)
    assert d.points == -5

    year = {r.name: r.statement for r in queries.member_rows(queries.subtree_members(world.a1), year=YEAR)}
    assert (year["甲一党员"].bonus, year["甲一党员"].deduction, year["甲一党员"].balance) == (15, -5, 110)
    assert (year["甲一另一党员"].bonus, year["甲一另一党员"].deduction, year["甲一另一党员"].balance) == (10, -10, 100)
    q1 = queries.member_statement(world.m_a1, year=YEAR, quarter=1)
    q2 = queries.member_statement(world.m_a1, year=YEAR, quarter=2)
    q4 = queries.member_statement(world.m_a1, year=YEAR, quarter=4)
    assert (q1.balance, q2.balance, q4.balance) == (105, 95, 110)
    assert queries.member_statement(world.m_a1_other, year=YEAR - 1).balance == 101
    ledger = queries.member_ledger(world.m_a1, year=YEAR)  # the phone page computes from its entries
    assert ledger.statement.balance == 110
    assert [q.balance for q in ledger.quarters] == [105, 95, 100, 110]

    overview = {r.name: r for r in queries.org_rows(world.street_a, year=YEAR)}
    a1 = overview["甲一社区党支部"]
    assert (a1.members, a1.bonus, a1.deduction, a1.average) == (2, 25, -15, 105.0)
    assert a1.buckets == [0, 0, 1, 1, 0]  # 100 in [100, 110), 110 in [110, 120)
    assert overview["甲二社区党支部"].average == 100.0


@pytest.fixture
def big_street(db, django_db_blocker):
    from factories import make_county

    county = make_county()
    street = make_street(parent=county, name="大街道党工委")
    orgs = build_street(street=street, orgs=10, members_per_org=300, entries_per_member=10, year=YEAR)
    return street, orgs


def test_list_pages_of_a_street_with_3000_members_run_a_bounded_number_of_queries(
        client, big_street, django_assert_max_num_queries):
    street, orgs = big_street
    street_user = make_user(role="street", organization=street)
    clerk = make_user(role="clerk", organization=orgs[0])
    client.force_login(street_user)
    with django_assert_max_num_queries(20):
        page = client.get(reverse("points:street", args=[street.pk]), {"year": YEAR})
    assert page.status_code == 200 and page.content.decode().count("测试社区") >= 10
    with django_assert_max_num_queries(20):
        assert client.get(reverse("points:org", args=[orgs[3].pk]), {"year": YEAR}).status_code == 200
    client.force_login(clerk)
    with django_assert_max_num_queries(25):
        page = client.get(reverse("points:org", args=[orgs[0].pk]), {"year": YEAR, "quarter": 2})
    assert page.status_code == 200 and page.content.decode().count("/points/member/") == 300
    with django_assert_max_num_queries(20):
        assert client.get(reverse("points:export", args=[orgs[0].pk]), {"year": YEAR}).status_code == 200
    member = orgs[0].members.first()
    with django_assert_max_num_queries(20):
        assert client.get(reverse("points:member", args=[member.pk]), {"year": YEAR}).status_code == 200
