from __future__ import annotations

import pytest

from factories import make_community, make_county, make_members, make_street
from pingxing.orgs.models import Organization
from pingxing.orgs.queries import org_tree, upgrade_candidates

pytestmark = pytest.mark.django_db


def test_upgrade_candidates_follow_the_thresholds(settings):
    settings.UPGRADE_GENERAL_BRANCH_AT = 45
    settings.UPGRADE_COMMITTEE_AT = 90
    street = make_street(parent=make_county())
    sizes = {"br44": ("branch", 44), "br45": ("branch", 45), "gb60": ("general_branch", 60),
             "gb90": ("general_branch", 90), "br95": ("branch", 95), "cm95": ("committee", 95)}
    orgs = {}
    for name, (form, count) in sizes.items():
        orgs[name] = make_community(parent=street, form=form, name=name)
        make_members(organization=orgs[name], count=count)
    enterprise = make_community(parent=street, kind="enterprise", form="branch", name="ent")
    make_members(organization=enterprise, count=50)
    found = {c.org.name: c.target_form for c in upgrade_candidates(street)}
    assert found == {"br45": "general_branch", "gb90": "committee", "br95": "committee"}


def test_upgrade_candidates_stay_within_the_street():
    county = make_county()
    street_a, street_b = make_street(parent=county), make_street(parent=county)
    make_members(organization=make_community(parent=street_b, name="乙大社区"), count=50)
    assert upgrade_candidates(street_a) == []
    assert [c.org.name for c in upgrade_candidates(street_b)] == ["乙大社区"]


def test_the_tree_counts_members_up_the_tree_in_one_query(django_assert_num_queries):
    county = make_county()
    street = make_street(parent=county)
    for count in (3, 4, 5):
        make_members(organization=make_community(parent=street), count=count)
    with django_assert_num_queries(1):
        roots = org_tree(Organization.objects.all())
    assert len(roots) == 1 and roots[0].org == county
    assert roots[0].total_members == 12
    assert sorted(n.member_count for n in roots[0].children[0].children) == [3, 4, 5]


def test_the_tree_starts_at_the_users_scope_root():
    county = make_county()
    street = make_street(parent=county)
    make_community(parent=street)
    roots = org_tree(Organization.objects.within(street))
    assert [r.org for r in roots] == [street]


def test_the_levels_each_role_acts_for_are_levels_of_the_tree():
    from pingxing.accounts.roles import ROLE_ORG_LEVELS
    from pingxing.orgs.models import OrgLevel

    named = {level for levels in ROLE_ORG_LEVELS.values() for level in levels}
    assert named <= {*OrgLevel.values, ""}
