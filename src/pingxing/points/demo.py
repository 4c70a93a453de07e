"""Demo data of the points display (亮分制): the 柯桥 item table in use in three communities
(笛扬, 柯亭, 湖西), entries recorded through the real services (so each is audited and within
its cap), one deduction of the demo member (member_diyang) under appeal, and one exemption.
Deterministic for a given seed."""

from __future__ import annotations

import datetime as dt
import random

from django.core.files.base import ContentFile
from django.utils import timezone

from pingxing.points import services
from pingxing.points.models import PointEntry
from pingxing.points.rules import load_table

ORGS = ("笛扬社区党总支", "柯亭社区党支部", "湖西社区党支部")
# A tiny valid PNG header: the evidence of the demo's bonus items.
_PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 24
_NOTES = {"B01": "社区环境整治志愿服务", "B02": "走访独居老人，帮助办理医保", "B03": "获评区级优秀志愿者",
          "B04": "参加主题党日专题学习", "D01": "无故缺席支部党员大会", "D02": "党费未按时交纳"}


def load_points(*, today: dt.date | None = None, seed: int = 2010, per_org: int = 12) -> None:
    """Entries for members of the demo communities; nothing when entries exist already."""
    from pingxing.accounts.models import User
    from pingxing.members.models import Member
    from pingxing.orgs.models import Organization

    today = today or timezone.localdate()
    if PointEntry.objects.exists():
        return
    orgs = list(Organization.objects.filter(name__in=ORGS).order_by("code"))
    if not orgs:
        return
    rng = random.Random(seed)
    table = load_table()
    keepers = {u.organization_id: u for u in User.objects.filter(role__in=["clerk", "secretary"]).order_by("role", "pk")}
    demo_member = User.objects.filter(username="member_diyang").select_related("member").first()
    start = dt.date(today.year, 1, 1)
    span = max(1, (today - start).days)
    for org in orgs:
        by = keepers.get(org.pk)
        if by is None:
            continue
        members = list(Member.objects.filter(organization=org).select_related("organization").order_by("id")[:per_org])
        for member in members:
            for _ in range(rng.randint(2, 6)):
                item = rng.choice(table.items)
                try:
                    services.entry_record(
                        member=member, occurred_on=start + dt.timedelta(days=rng.randrange(span)),
                        item_code=item.code, by=by, note=_NOTES.get(item.code, ""), table=table,
                        evidence=ContentFile(_PNG, name="活动照片.png") if item.evidence_required else None,
                    )
                except services.PointsRefused:
                    continue  # over a cap: the demo, like a clerk, simply records nothing more
        if members and org.name == "柯亭社区党支部":
            oldest = min(members, key=lambda m: m.birth_date)
            aged = today.year - oldest.birth_date.year >= table.exempt_age
            services.exemption_record(member=oldest, year=today.year, reason="age" if aged else "ill",
                                      note="年事已高，本人申请免于积分" if aged else "长期患病，本人申请免于积分", by=by)
    if demo_member is not None and demo_member.member is not None:
        clerk = keepers.get(demo_member.member.organization_id)
        if clerk is not None:
            deduction = services.entry_record(member=demo_member.member, occurred_on=today, item_code="D01",
                                              by=clerk, note="无故缺席本月主题党日", table=table)
            services.appeal_file(entry=deduction, reason="当天在医院陪护住院的母亲，已提前向党小组长请假。",
                                 by=demo_member)
