"""Helpers of the pledges tests: filled and published sheets, built through the services as users
would (imported by name: a module called conftest would clash with the browser tests' one)."""

from __future__ import annotations

import datetime as dt
from typing import Any

YEAR = 2010


def fill_sheet(sheet: Any, *, by: Any) -> list[Any]:
    from pingxing.pledges import services
    from pingxing.pledges.models import PledgeArea

    return [services.item_add(sheet=sheet, area=area, text=f"{label}：按时完成承诺事项", due_date=dt.date(YEAR, 12, 31),
                              by=by) for area, label in PledgeArea.choices]


def published_sheet(member: Any, *, account: Any, reviewer: Any) -> Any:
    from pingxing.pledges import services

    sheet = services.sheet_for_member(member=member, year=YEAR, by=account)
    fill_sheet(sheet, by=account)
    services.sheet_submit(sheet=sheet, by=account)
    services.sheet_approve(sheet=sheet, by=reviewer)
    return services.sheet_publish(sheet=sheet, by=reviewer)


