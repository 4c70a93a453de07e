"""Helpers of the cadres tests (imported by name: a module called conftest would clash)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

YEAR = 2010
TERM = dt.date(2008, 3, 1)


def build_world() -> SimpleNamespace:
    from factories import make_member, make_user, make_world
    from pingxing.cadres import services

    w = make_world()
    w.m_secretary = make_member(organization=w.a1, name="甲一书记", gender="F", birth_date=dt.date(1970, 5, 1),
                                education="bachelor")
    w.secretary_post = services.post_create(organization=w.a1, body="party_committee", position="secretary",
                                            member=w.m_secretary, term_starts_on=TERM, by=w.secretary)
    # member_user (甲一党员) is a committee member: a cadre who reads their own pledge
    w.member_post = services.post_create(organization=w.a1, body="party_committee", position="member",
                                         member=w.m_a1, term_starts_on=TERM, by=w.secretary)
    w.resident_post = services.post_create(organization=w.a1, body="residents_committee", position="deputy_director",
                                           name="居委副主任", birth_date=dt.date(1985, 2, 1), gender="M",
                                           education="college", term_starts_on=TERM, by=w.secretary)
    w.other_member_user = make_user(role="member", organization=w.a1, member=w.m_a1_other)
    w.b1_secretary = make_user(role="secretary", organization=w.b1)
    return w


def approved_pledge(w: Any, post: Any, *, target_star: int | None = None, dates: tuple[dt.date, ...] = (
        dt.date(YEAR, 6, 30), dt.date(YEAR, 12, 31))) -> Any:
    from pingxing.cadres import services

    pledge = services.pledge_create(post=post, year=YEAR, target_star=target_star, by=w.secretary)
    services.commitment_add(pledge=pledge, text="每周走访网格住户不少于10户", due_dates=list(dates), by=w.secretary)
    services.commitment_add(pledge=pledge, text="居民诉求按期办结", due_dates=[dates[0]], by=w.secretary)
    services.pledge_submit(pledge=pledge, by=w.secretary)
    return services.pledge_approve(pledge=pledge, by=w.street_user)


def first_checkpoint(pledge: Any) -> Any:
    from pingxing.cadres.models import Checkpoint

    return Checkpoint.objects.filter(commitment__pledge=pledge).order_by("commitment_id", "due_on").first()
