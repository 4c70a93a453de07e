"""Helpers of the posts tests: posts and drives made through the services, as users would (imported
by name: a module called conftest would clash with another folder's)."""

from __future__ import annotations

import datetime as dt
from typing import Any

YEAR = 2010
START = dt.date(2010, 3, 1)


def make_post(*, organization: Any, holder: Any, by: Any = None, kind: str = "pioneer_post",
              name: str | None = None, place: str = "一号车间", duties: str = "带头攻坚克难") -> Any:
    from pingxing.posts import services

    return services.post_create(organization=organization, holder=holder, kind=kind,
                                name=name or f"{holder.name}的党员先锋岗", place=place, duties=duties,
                                starts_on=START, by=by)


def make_drive(*, organization: Any, name: str = "克难攻坚当先锋", year: int = YEAR, by: Any = None) -> Any:
    from pingxing.posts import services

    return services.drive_create(organization=organization, name=name, year=year, by=by)
