"""Keyword-only factories for test data."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from pingxing.accounts.models import User
from pingxing.members.models import Member, id_number_digest
from pingxing.members.validators import id_check_char
from pingxing.orgs.models import Organization, PartyGroup
from pingxing.orgs.services import org_create

_seq = itertools.count(1)
PASSWORD = "Test-Passw0rd-2010"


def fictional_id_number(*, n: int | None = None, birth: dt.date = dt.date(1970, 1, 1)) -> str:
    """A valid-checksum fictional resident ID number (region 330621)."""
    n = next(_seq) if n is None else n
    first17 = f"330621{birth:%Y%m%d}{n % 1000:03d}"
    return first17 + id_check_char(first17)


def make_org(
    *, level: str, parent: Organization | None = None, kind: str = "", form: str = "",
    code: str | None = None, name: str | None = None, secretary_name: str = "",
) -> Organization:
    n = next(_seq)
    return org_create(
        code=code or f"T{n:05d}", name=name or f"测试组织{n}", level=level, kind=kind, form=form,
        parent=parent, secretary_name=secretary_name, by=None, audit=False,
    )


def make_county(**kwargs: Any) -> Organization:
    return make_org(level="county", name=kwargs.pop("name", "测试县委组织部"), **kwargs)


def make_street(*, parent: Organization, **kwargs: Any) -> Organization:
    return make_org(level="street", parent=parent, **kwargs)


def make_community(*, parent: Organization, form: str = "branch", **kwargs: Any) -> Organization:
    return make_org(level="organization", kind=kwargs.pop("kind", "community"), form=form,
                    parent=parent, **kwargs)


def make_party_group(*, organization: Organization, name: str | None = None) -> PartyGroup:
    return PartyGroup.objects.create(organization=organization, name=name or f"第{next(_seq)}党小组")


def member_values(*, n: int | None = None, **overrides: Any) -> dict[str, Any]:
    n = next(_seq) if n is None else n
    values = {
        "name": f"党员{n}",
        "gender": "M",
        "birth_date": dt.date(1970, 1, 1) + dt.timedelta(days=n % 9000),
        "education": "bachelor",
        "joined_on": dt.date(2000, 7, 1),
        "occupation": "",
        "specialty": "",
        "phone": f"139{n:08d}"[:11],
        "id_number": fictional_id_number(n=n, birth=dt.date(1950, 1, 1) + dt.timedelta(days=n // 1000)),
        "address": "",
        "status": "full",
        "is_mobile": False,
    }
    values.update(overrides)
    return values


def make_member(*, organization: Organization, **overrides: Any) -> Member:
    values = member_values(**overrides)
    return Member.objects.create(
        organization=organization, id_number_digest=id_number_digest(values["id_number"]), **values
    )


def make_members(*, organization: Organization, count: int) -> list[Member]:
    members = []
    for _ in range(count):
        values = member_values()
        members.append(Member(organization=organization, id_number_digest=id_number_digest(values["id_number"]), **values))
    return Member.objects.bulk_create(members)


def make_user(
    *, role: str, organization: Organization | None = None, member: Member | None = None,
    username: str | None = None, password: str = PASSWORD,
) -> User:
    user = User(username=username or f"user{next(_seq)}", role=role, organization=organization, member=member)
    user.set_password(password)
    user.save()
    return user


def make_world() -> Any:
    """county → street A (communities A1, A2) and street B (community B1), one member in each
    community, and one user per role acting for A1 (street user for A, county user for the county)."""
    from types import SimpleNamespace

    w = SimpleNamespace()
    w.county = make_county()
    w.street_a = make_street(parent=w.county, name="甲街道党工委")
    w.street_b = make_street(parent=w.county, name="乙街道党工委")
    w.a1 = make_community(parent=w.street_a, name="甲一社区党支部")
    w.a2 = make_community(parent=w.street_a, name="甲二社区党支部")
    w.b1 = make_community(parent=w.street_b, name="乙一社区党支部")
    w.m_a1 = make_member(organization=w.a1, name="甲一党员")
    w.m_a1_other = make_member(organization=w.a1, name="甲一另一党员")
    w.m_a2 = make_member(organization=w.a2, name="甲二党员")
    w.m_b1 = make_member(organization=w.b1, name="乙一党员")
    w.county_user = make_user(role="county", organization=w.county)
    w.street_user = make_user(role="street", organization=w.street_a)
    w.secretary = make_user(role="secretary", organization=w.a1)
    w.clerk = make_user(role="clerk", organization=w.a1)
    w.member_user = make_user(role="member", organization=w.a1, member=w.m_a1)
    w.admin = make_user(role="admin")
    return w


def make_star_result(
    *, organization: Organization, year: int, star: int, previous_star: int | None = None,
    blocking_conditions: list[str] | None = None, downgrade_reasons: list[dict[str, Any]] | None = None,
    publication: Any = None, save: bool = True,
) -> Any:
    """A published star (StarResult) without going through a campaign; save=False for bulk_create.

    Like a publication, it freezes the pay policy in force for its star (the base pay is left
    to be entered, as when a result is published before the base pay is known)."""
    from pingxing.ratings.models import StarPolicy, StarResult

    policy = StarPolicy.objects.filter(star=star).first()
    result = StarResult(
        organization=organization, year=year, star=star, previous_star=previous_star,
        publication=publication, standard_id="shaoxing-county-2010-community", standard_version="2010.1",
        blocking_conditions=blocking_conditions or [], downgrade_reasons=downgrade_reasons or [],
        pay_coefficient=policy.pay_coefficient if policy else None,
        fund_weight=policy.fund_weight if policy else None,
        award_eligible=policy.award_eligible if policy else None,
    )
    if save:
        result.save()
    return result
