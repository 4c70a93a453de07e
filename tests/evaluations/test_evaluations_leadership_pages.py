"""Pages of the evaluation of the leadership: the create page with the subject and the
committee members, the ballots of members and of code holders with the three grades, the
result page with counts and satisfaction rates; the panels of other apps on a members'
evaluation; the 五亮 page shows members' evaluations only."""

from __future__ import annotations

import pytest
from leadership_world import EXPECTED_MASSES, EXPECTED_MEMBERS, cast_fixture, make_leadership_world

from factories import make_member
from pingxing.core import nav
from pingxing.evaluations import services
from pingxing.evaluations.models import Evaluation

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return make_leadership_world()


def test_the_secretary_creates_an_evaluation_of_the_leadership_with_its_committee_members(client):
    from evaluation_world import make_evaluation_world

    w = make_evaluation_world(members=5, state="preparation")
    stranger = make_member(organization=w.other_org)
    client.force_login(w.secretary)
    page = client.get("/evaluations/new/").content.decode()
    assert "民主评议班子成员" in page and 'name="members"' in page and w.members[3].name in page
    assert stranger.name not in page and "班子成员”名册" in page
    refused = client.post("/evaluations/new/", {"year": "2026", "subject": "leadership"})
    assert refused.status_code == 400 and "请选择参加评议的班子成员" in refused.content.decode()
    refused = client.post("/evaluations/new/", {"year": "2026", "subject": "leadership", "members": [stranger.pk]})
    assert refused.status_code == 400
    response = client.post("/evaluations/new/", {"year": "2026", "subject": "leadership",
                                                  "members": [w.members[1].pk, w.members[2].pk]})
    leadership = Evaluation.objects.get(subject="leadership")
    assert response.status_code == 302 and response["Location"] == f"/evaluations/{leadership.pk}/"
    assert set(leadership.roll.values_list("member_id", flat=True)) == {w.members[1].pk, w.members[2].pk}
    page = client.get(f"/evaluations/{leadership.pk}/").content.decode()
    assert "2026年度民主评议班子成员" in page and "个人自评" not in page and 'id="leadership-steps"' in page
    listing = client.get("/evaluations/").content.decode()
    assert "民主评议班子成员" in listing and "民主评议党员" in listing
    # A member only voter cannot open the create page.
    client.force_login(w.accounts[0])
    assert client.get("/evaluations/new/").status_code == 404


def test_members_and_code_holders_see_the_three_grades(world, client):
    w = world
    client.force_login(w.accounts[5])  # not on the roll: grades all three committee members
    listing = client.get("/evaluations/").content.decode()
    assert f'id="own-leadership-{w.leadership.pk}"' in listing
    page = client.get(f"/evaluations/{w.leadership.pk}/ballot/").content.decode()
    assert all(f'id="member-{e.pk}"' in page for e in w.roll)
    assert "基本满意" in page and "不满意" in page and 'value="satisfied"' in page
    assert "优秀" not in page and "反向情形" not in page
    posted = {"request_key": "k" * 20, **{f"g_{e.pk}": "basically_satisfied" for e in w.roll}}
    receipt = client.post(f"/evaluations/{w.leadership.pk}/ballot/", posted)
    assert 'id="receipt-code"' in receipt.content.decode()
    client.force_login(w.accounts[0])  # on the roll: not on their own ballot
    page = client.get(f"/evaluations/{w.leadership.pk}/ballot/").content.decode()
    assert f'id="member-{w.roll[0].pk}"' not in page and f'id="member-{w.roll[1].pk}"' in page
    client.force_login(w.outsider)
    assert client.get(f"/evaluations/{w.leadership.pk}/ballot/").status_code == 404
    client.logout()
    code = services.codes_issue(evaluation=w.leadership, count_=1, by=w.secretary)[0]
    page = client.post("/evaluations/v/", {"code": code}).content.decode()
    assert "居民代表测评票" in page and "基本满意" in page and "优秀" not in page


def test_the_result_page_shows_counts_and_satisfaction_rates_per_committee_member(world, client):
    w = world
    cast_fixture(w)
    client.force_login(w.secretary)
    page = client.get(f"/evaluations/{w.leadership.pk}/").content.decode()
    assert "党员测评：6 / 8 人（本组织有账号的全体党员）" in page  # every member with an account may vote
    assert "满意率" not in page  # nothing of the ballots before the tally
    block = page[page.index('id="not-voted"'):]
    block = block[:block.index("</details>")]
    assert "尚未在网上投票的党员 2 人" in block and w.members[1].name in block and w.members[5].name not in block
    closed = services.evaluation_advance(evaluation=w.leadership, by=w.secretary)
    services.evaluation_tally(evaluation=closed, by=w.secretary)
    page = client.get(f"/evaluations/{w.leadership.pk}/").content.decode()
    for entry, members, masses in zip(w.roll, EXPECTED_MEMBERS, EXPECTED_MASSES, strict=True):
        row = page[page.index(f'id="entry-{entry.pk}"'):]
        row = row[:row.index("</tr>")]
        assert f"满意{members[0]}、基本满意{members[1]}、不满意{members[2]}" in row
        assert f'<td class="rate-members">{members[4]}</td>' in row
        assert f"满意{masses[0]}、基本满意{masses[1]}、不满意{masses[2]}" in row
        assert f'<td class="rate-masses">{masses[4]}</td>' in row
    assert "建议等次" not in page and 'id="grades-form"' not in page and "汇总表" not in page
    assert client.get(f"/evaluations/{w.leadership.pk}/report/").status_code == 404
    client.post(f"/evaluations/{w.leadership.pk}/publish/")
    assert Evaluation.objects.get(pk=w.leadership.pk).state == "published"
    assert client.get(f"/api/evaluations/{w.leadership.pk}").json()["subject"] == "leadership"


def test_other_apps_panels_show_on_a_members_evaluation_only(world, client):
    w = world
    nav.add_panel("evaluations.detail", nav.Card("test.roll", "evaluations/message.html", order=99,
                                                 context=lambda request, *, evaluation, **page: {
                                                     "reason": f"panel-of-{evaluation.pk}"}))
    try:
        client.force_login(w.secretary)
        page = client.get(f"/evaluations/{w.members_evaluation.pk}/").content.decode()
        assert f"panel-of-{w.members_evaluation.pk}" in page
        assert page.index('id="roll"') < page.index(f"panel-of-{w.members_evaluation.pk}")
        page = client.get(f"/evaluations/{w.leadership.pk}/").content.decode()
        assert "panel-of-" not in page
    finally:
        nav.remove("test.roll")


def test_the_public_page_shows_the_members_evaluation_with_panels_and_never_the_leadership(world, client):
    w = world
    cards = (("evaluations.public.standard", "test.standard"), ("evaluations.public.results", "test.results"))
    for page_name, key in cards:
        nav.add_panel(page_name, nav.Card(key, "evaluations/message.html", order=99,
                                          context=lambda request, *, evaluation, key=key, **page: {
                                              "reason": f"{key}-{evaluation.pk}"}))
    try:
        page = client.get(f"/evaluations/public/{w.org.pk}/").content.decode()
        standards = page[page.index('id="wl-standards"'):page.index('id="wl-pledges"')]
        results = page[page.index('id="wl-results"'):page.index('id="wl-rewards"')]
        assert f"test.standard-{w.members_evaluation.pk}" in standards
        assert f"test.results-{w.members_evaluation.pk}" in results
        assert "班子成员" not in page
    finally:
        for _page_name, key in cards:
            nav.remove(key)
    # An organization whose only evaluation is of its leadership has no 五亮 page.
    Evaluation.objects.filter(pk=w.members_evaluation.pk).update(year=1999, subject="leadership")
    assert client.get(f"/evaluations/public/{w.org.pk}/").status_code == 404


def test_the_list_page_queries_stay_bounded(world, client, django_assert_max_num_queries):
    client.force_login(world.accounts[4])
    with django_assert_max_num_queries(12):
        assert client.get("/evaluations/").status_code == 200
    client.force_login(world.secretary)
    with django_assert_max_num_queries(12):
        assert client.get("/evaluations/").status_code == 200
