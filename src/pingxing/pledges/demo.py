"""Demo data of pioneer pledges (党员先锋承诺), through the real services (so every step is audited):

- 笛扬社区 — this year's pledges of the demo member (member_diyang) and four others published,
  with fulfilments (approved and one awaiting the clerk), the mid-year check and peer ratings;
  one member's sheet awaits review, one was returned with a reason;
- 柯桥街道社区卫生服务中心 (an institution) — published pledges with the year-end evaluation
  (self, 3+ peers, organization), so the combined score shows;
- 柯桥纺织印染有限公司 (an enterprise) — pledges submitted, awaiting review.

Nothing is loaded when this year's sheets exist already.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from pingxing.pledges import services
from pingxing.pledges.models import PledgeSheet

_TEXTS: dict[str, tuple[str, str]] = {  # by PledgeArea value
    "conduct": ("每月参加主题党日，按时交纳党费", "每季度撰写一篇学习心得"),
    "work": ("按期完成本岗位年度目标任务", "带头参与垃圾分类宣传"),
    "service": ("每月走访结对困难家庭一次", "参加社区志愿服务不少于24小时"),
    "integrity": ("严守廉洁自律各项规定", "不参与违规宴请和赌博活动"),
}
_FULFILMENTS = ("走访结对困难家庭，帮助申请临时救助", "参加社区“邻里节”志愿服务4小时", "参加主题党日并交流学习体会")


def load_pledges(*, today: dt.date | None = None) -> None:
    """This year's pledges of three organizations of different kinds; nothing when they exist."""
    from pingxing.accounts.models import User
    from pingxing.members.models import Member
    from pingxing.orgs.models import Organization

    today = today or timezone.localdate()
    year = today.year
    if PledgeSheet.objects.filter(year=year).exists():
        return
    orgs = {o.name: o for o in Organization.objects.filter(
        name__in=["笛扬社区党总支", "柯桥街道社区卫生服务中心党支部", "柯桥纺织印染有限公司党支部"])}
    accounts = {u.member_id: u for u in User.objects.filter(member__isnull=False)}
    staff = {u.organization_id: u for u in User.objects.filter(role__in=["clerk", "secretary"]).order_by("role")}

    def members_of(org: Any, count: int) -> list[Any]:
        return list(Member.objects.filter(organization=org).order_by("pk")[:count])

    def made(member: Any, n: int) -> PledgeSheet:
        by = accounts.get(member.pk)
        sheet = services.sheet_for_member(member=member, year=year, by=by)
        for area, texts in _TEXTS.items():
            services.item_add(sheet=sheet, area=area, text=texts[n % 2], due_date=dt.date(year, 12, 31), by=by)
        return sheet

    def published(member: Any, n: int, reviewer: Any) -> PledgeSheet:
        sheet = made(member, n)
        services.sheet_submit(sheet=sheet, by=accounts.get(member.pk))
        services.sheet_approve(sheet=sheet, by=reviewer)
        return services.sheet_publish(sheet=sheet, by=reviewer)

    # A demo dated in the future records no fulfilment: none can be dated later than today.
    early = min(today, dt.date(year, 1, 20))
    can_fulfil = early <= timezone.localdate()
    diyang = orgs.get("笛扬社区党总支")
    if diyang is not None:
        reviewer = staff.get(diyang.pk)
        people = members_of(diyang, 8)
        sheets = [published(member, n, reviewer) for n, member in enumerate(people[:5])]
        for n, sheet in enumerate(sheets):
            item = sheet.items.get(area="service")
            for k in range((2 if n == 0 else 1) if can_fulfil else 0):
                fulfilment = services.fulfilment_add(item=item, done_on=early, text=_FULFILMENTS[(n + k) % 3],
                                                     by=accounts.get(sheet.member_id))
                if not (n == 0 and k == 1):  # the demo member's second record awaits the clerk
                    services.fulfilment_review(fulfilment=fulfilment, approve=True, by=reviewer)
            if today >= dt.date(year, 7, 1):
                services.item_check(item=sheet.items.get(area="work"), status="on_track", by=reviewer)
        for rater in people[1:5]:
            services.peer_rate(sheet=sheets[0], rater=rater, score=85 + rater.pk % 10, by=accounts.get(rater.pk))
        if len(people) > 6:
            services.sheet_submit(sheet=made(people[5], 1), by=None)
            returned = made(people[6], 0)
            services.sheet_submit(sheet=returned, by=None)
            services.sheet_return(sheet=returned, reason="承诺内容请写得更具体，如走访户数、服务时长", by=reviewer)

    clinic = orgs.get("柯桥街道社区卫生服务中心党支部")
    if clinic is not None:
        people = members_of(clinic, 5)
        sheets = [published(member, n, None) for n, member in enumerate(people)]
        for n, sheet in enumerate(sheets):
            services.self_evaluate(sheet=sheet, score=88 + n, text="较好完成年度承诺", by=None)
            for rater in people:
                if rater.pk != sheet.member_id and (n < 3 or rater.pk % 2):
                    services.peer_rate(sheet=sheet, rater=rater, score=80 + (rater.pk + n) % 15, by=None)
            services.org_evaluate(sheet=sheet, score=86 + n % 3, by=None)

    factory = orgs.get("柯桥纺织印染有限公司党支部")
    if factory is not None:
        for n, member in enumerate(members_of(factory, 3)):
            services.sheet_submit(sheet=made(member, n), by=None)
