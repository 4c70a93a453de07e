"""A street of many members with a year of entries, built with bulk_create (tests and benchmark)."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from factories import make_community, make_members
from pingxing.points.models import PointEntry
from pingxing.points.rules import load_table


def build_street(*, street: Any, orgs: int, members_per_org: int, entries_per_member: int, year: int,
                 seed: int = 7) -> list[Any]:
    """Communities below `street`, each with members, each member with a year of entries
    (within the item caps: a bonus or deduction of one unit each time)."""
    rng = random.Random(seed)
    table = load_table()
    items = table.items
    now = timezone.now()
    communities = [make_community(parent=street, name=f"测试社区{n:02d}党支部") for n in range(orgs)]
    batch: list[PointEntry] = []
    for org in communities:
        for member in make_members(organization=org, count=members_per_org):
            for _ in range(entries_per_member):
                item = rng.choice(items)
                day = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
                batch.append(PointEntry(
                    member_id=member.pk, organization_id=org.pk, year=year, occurred_on=day,
                    table_id=table.id, table_version=table.version, item_code=item.code,
                    item_name=item.name, points=item.points, recorded_at=now,
                ))
            if len(batch) >= 5000:
                PointEntry.objects.bulk_create(batch)
                batch = []
    PointEntry.objects.bulk_create(batch)
    return communities
