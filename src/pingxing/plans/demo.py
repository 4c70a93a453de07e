"""Demo data of 领导小组与工作计划: each street's leading group with its office, a working group in
each community, star targets for this year and last year, and plan items (done, in progress, behind)."""

from __future__ import annotations

import datetime as dt

from pingxing.accounts.models import User
from pingxing.orgs.models import Organization, OrgLevel
from pingxing.plans import services
from pingxing.plans.models import Group

ITEMS = (("召开评星晋级动员会", -120, "done"), ("制定年度评星工作方案", -90, "done"),
         ("开展党员承诺践诺", -10, "in_progress"), ("走访困难群众", 5, "not_started"),
         ("整理评星台账资料", 60, "not_started"))


def load_plans(*, today: dt.date) -> None:
    """Idempotent enough for one run: skipped when groups of this year already exist."""
    year = today.year
    if Group.objects.filter(year=year).exists():
        return
    streets = list(Organization.objects.filter(level=OrgLevel.STREET).order_by("path")[:3])
    for street in streets:
        by = User.objects.filter(organization=street, role="street").first()
        group = services.group_create(organization=street, year=year, office_place=f"{street.name}党建办",
                                      office_contact="陈主任", office_phone="057588001234", by=by)
        for name, post, unit in (("王建国", "leader", "街道党工委书记"), ("李卫东", "deputy", "街道党工委副书记"),
                                 ("陈晓燕", "office_director", "党建办主任"), ("周明", "member", "组织委员")):
            services.group_member_add(group=group, name=name, post=post, unit=unit, by=by)
        communities = Organization.objects.filter(parent=street, level=OrgLevel.ORGANIZATION).order_by("path")[:6]
        for n, org in enumerate(communities):
            staff = User.objects.filter(organization=org, role__in=("secretary", "clerk")).first() or by
            wg = services.group_create(organization=org, year=year, by=staff)
            services.group_member_add(group=wg, name=org.secretary_name or "书记", post="leader",
                                      unit=str(org.name), by=staff)
            services.group_member_add(group=wg, name="联络员", post="liaison", phone="13900001111", by=staff)
            services.target_set(organization=org, year=year - 1, star=3 + n % 3, by=staff)
            target = services.target_set(organization=org, year=year, star=3 + (n + 1) % 3, by=staff)
            if n % 2 == 0:
                services.target_confirm(target=target, by=by)
            for content, offset, state in ITEMS[: 3 + n % 3]:
                item = services.item_add(organization=org, year=year, content=content, owner_name="工作人员",
                                         due_on=today + dt.timedelta(days=offset), by=staff)
                if state != "not_started":
                    services.note_add(item=item, noted_on=today - dt.timedelta(days=20), text="按计划推进", by=staff)
                    services.item_update(item=item, state=state, by=staff)
