"""The pure scope arithmetic of core: tree paths and reaches (no database, no Django)."""

from __future__ import annotations

from pingxing.core.scope import (
    EVERYTHING,
    NOTHING,
    Actor,
    Reach,
    depth,
    own_org,
    own_record,
    subtree,
    within,
)


def test_within_means_the_path_itself_or_below():
    assert within("/1/2/", "/1/2/") and within("/1/2/3/", "/1/2/")
    assert not within("/1/23/", "/1/2/")  # a prefix that is not an ancestor
    assert not within("/1/2/", "") and not within("", "/1/")


def test_depth_counts_the_levels_of_a_path():
    assert (depth("/1/"), depth("/1/4/17/"), depth("")) == (1, 3, 0)


def test_each_reach_covers_what_it_says():
    a = Actor(role="any", org_path="/1/2/", org_id=2, member_id=7)
    assert subtree(a).covers(path="/1/2/9/") and not subtree(a).covers(path="/1/5/")
    assert own_org(a).covers(org_id=2) and not own_org(a).covers(org_id=9)
    assert own_record(a).covers(member_id=7) and not own_record(a).covers(member_id=8)
    assert EVERYTHING.covers() and not NOTHING.covers(path="/1/", org_id=1, member_id=7)


def test_an_actor_without_an_organization_reaches_nothing():
    nobody = Actor(role="any")
    assert subtree(nobody) == NOTHING and own_org(nobody) == NOTHING and own_record(nobody) == NOTHING
    assert Reach("subtree", path="").covers(path="/1/") is False
