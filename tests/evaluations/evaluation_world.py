"""An organization with members (each with an account), its staff, and an evaluation."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from factories import make_community, make_county, make_members, make_street, make_user


def make_evaluation_world(*, members: int = 6, year: int = 2026, state: str = "balloting") -> Any:
    from pingxing.evaluations import services

    w = SimpleNamespace()
    w.county = make_county()
    w.street = make_street(parent=w.county, name="柯桥街道党工委")
    w.org = make_community(parent=w.street, name="笛扬社区党委")
    w.other_org = make_community(parent=w.street, name="湖塘社区党支部")
    w.members = make_members(organization=w.org, count=members)
    w.accounts = [make_user(role="member", organization=w.org, member=m) for m in w.members]
    w.secretary = make_user(role="secretary", organization=w.org)
    w.clerk = make_user(role="clerk", organization=w.org)
    w.street_user = make_user(role="street", organization=w.street)
    w.county_user = make_user(role="county", organization=w.county)
    w.other_secretary = make_user(role="secretary", organization=w.other_org)
    w.evaluation = services.evaluation_create(organization=w.org, year=year, by=w.secretary)
    if state in {"self_assessment", "balloting"}:
        w.evaluation = services.evaluation_advance(evaluation=w.evaluation, by=w.secretary)
    if state == "balloting":
        w.evaluation = services.evaluation_advance(evaluation=w.evaluation, by=w.secretary)
    w.entries = {e.member_id: e for e in w.evaluation.roll.all()}
    return w


def marks_for(world: Any, *, voter_member_id: int | None = None, grade: str = "qualified",
              grades: dict[int, str] | None = None, conduct: dict[int, list[str]] | None = None) -> dict[str, Any]:
    """A complete ballot: every member on the roll but the voter, `grade` unless said otherwise."""
    marks = {}
    for member_id, entry in world.entries.items():
        if member_id == voter_member_id or entry.excused:
            continue
        marks[str(entry.pk)] = {"g": (grades or {}).get(member_id, grade), "c": (conduct or {}).get(member_id, [])}
    return marks
