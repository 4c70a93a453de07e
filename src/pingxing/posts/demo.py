"""Demo data of pioneer posts (党员先锋岗、示范岗、责任区), through the real services (so every step is
audited):

- the three 柯桥 enterprises and the 柯桥纺织行业协会 (a new social organization) — a post of every
  kind each;
- 笛扬社区 — a 责任区 held by the demo member (member_diyang), so 我的岗位 shows something;
- 柯桥街道 — the street-wide drives 克难攻坚当先锋 and 诚信服务先锋, with tagged posts;
- last year's reviews: kept, commended (with a reason) and one withdrawn (with a reason).

Nothing is loaded when posts exist already.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from pingxing.posts import services
from pingxing.posts.models import PioneerPost, PostKind

# organization name → (kind, post name, place, duties)
_POSTS: dict[str, list[tuple[str, str, str, str]]] = {
    "柯桥纺织印染有限公司党支部": [
        (PostKind.PIONEER_POST, "印染车间党员先锋岗", "印染车间", "带头攻克染色工艺难题，降低能耗和次品率"),
        (PostKind.MODEL_POST, "质检科党员示范岗", "质检科", "严把产品质量关，示范规范操作"),
        (PostKind.RESPONSIBILITY_ZONE, "污水处理站党员责任区", "污水处理站及周边", "负责区域安全生产和环保达标巡查"),
    ],
    "越绣服饰有限公司党支部": [
        (PostKind.PIONEER_POST, "缝制车间党员先锋岗", "缝制一车间", "带头完成急难订单，帮带新进员工"),
        (PostKind.MODEL_POST, "客户服务党员示范岗", "客户服务部", "诚信对待每一位客户，投诉当日回应"),
        (PostKind.RESPONSIBILITY_ZONE, "员工宿舍党员责任区", "员工宿舍2号楼", "关心外来员工生活，化解邻里矛盾"),
    ],
    "鉴水物流有限公司党支部": [
        (PostKind.PIONEER_POST, "仓储中心党员先锋岗", "仓储中心", "带头落实仓储安全，攻坚旺季出货"),
        (PostKind.MODEL_POST, "调度室党员示范岗", "调度室", "准时调度、诚信承运，示范优质服务"),
        (PostKind.RESPONSIBILITY_ZONE, "装卸区党员责任区", "装卸作业区", "负责装卸区安全文明作业"),
    ],
    "柯桥纺织行业协会党支部": [
        (PostKind.PIONEER_POST, "会员服务党员先锋岗", "协会服务大厅", "为会员企业解答政策，协调解决困难"),
        (PostKind.MODEL_POST, "诚信经营党员示范岗", "行业自律委员会", "带头诚信经营，推动行业自律公约"),
        (PostKind.RESPONSIBILITY_ZONE, "轻纺市场党员责任区", "轻纺城东区市场", "巡查市场经营秩序，调解商户纠纷"),
    ],
}
_DIYANG = "笛扬社区党总支"
_STREET = "柯桥街道党工委"


def load_posts(*, today: dt.date | None = None) -> None:
    """Posts of every kind in four organizations and the demo member's 责任区, two street-wide
    drives and last year's reviews; nothing when posts exist."""
    from pingxing.accounts.models import User
    from pingxing.members.models import Member
    from pingxing.orgs.models import Organization

    if PioneerPost.objects.exists():
        return
    today = today or timezone.localdate()
    year = today.year
    orgs = {o.name: o for o in Organization.objects.filter(name__in=[*_POSTS, _DIYANG, _STREET])}
    staff = {u.organization_id: u for u in User.objects.filter(role__in=["clerk", "secretary"]).order_by("-role")}
    started = dt.date(year - 1, 3, 1)
    made: dict[str, list[PioneerPost]] = {}
    for org_name, rows in _POSTS.items():
        org = orgs.get(org_name)
        if org is None:
            continue
        members = list(Member.objects.filter(organization=org).order_by("pk")[:len(rows)])
        made[org_name] = [services.post_create(organization=org, holder=members[n % len(members)], kind=kind,
                                               name=name, place=place, duties=duties, starts_on=started,
                                               by=staff.get(org.pk))
                          for n, (kind, name, place, duties) in enumerate(rows) if members]
    diyang = orgs.get(_DIYANG)
    demo_member = Member.objects.filter(user__username="member_diyang").first()
    zone = None
    if diyang is not None and demo_member is not None:
        zone = services.post_create(organization=diyang, holder=demo_member, kind=PostKind.RESPONSIBILITY_ZONE,
                                    name="笛扬社区3号楼党员责任区", place="笛扬社区3号楼及周边",
                                    duties="联系楼道住户，收集社情民意，协助做好垃圾分类和邻里调解",
                                    starts_on=started, by=staff.get(diyang.pk))
    _drives(orgs.get(_STREET), made, zone, year=year)
    _reviews(made, zone, staff, year=year - 1, on=dt.date(year - 1, 12, 20))


def _drives(street: Any, made: dict[str, list[PioneerPost]], zone: PioneerPost | None, *, year: int) -> None:
    if street is None:
        return
    hard = services.drive_create(organization=street, name="克难攻坚当先锋", year=year, by=None,
                                 description="立足岗位攻坚克难，在转型升级和急难险重任务中当先锋、作表率。")
    honest = services.drive_create(organization=street, name="诚信服务先锋", year=year, by=None,
                                   description="诚信经营、优质服务，争做诚信服务先锋。")
    posts = [p for rows in made.values() for p in rows]
    services.drive_tag(drive=hard, posts=[p for p in posts if p.kind != PostKind.MODEL_POST], by=None)
    services.drive_tag(drive=honest, posts=[p for p in posts if p.kind == PostKind.MODEL_POST]
                       + ([zone] if zone is not None else []), by=None)


def _reviews(made: dict[str, list[PioneerPost]], zone: PioneerPost | None, staff: dict[int, Any], *, year: int,
             on: dt.date) -> None:
    """Kept, commended (each organization's 示范岗) and one withdrawn: the logistics company merged
    its loading area into the warehouse."""
    for org_name, rows in made.items():
        for n, post in enumerate(rows):
            by = staff.get(post.organization_id)
            if org_name == "鉴水物流有限公司党支部" and post.kind == PostKind.RESPONSIBILITY_ZONE:
                services.post_review(post=post, year=year, outcome="withdrawn", reviewed_on=on, by=by,
                                     reason="装卸区并入仓储中心，责任区撤销")
            elif n == 1:
                services.post_review(post=post, year=year, outcome="commended", reviewed_on=on, by=by,
                                     reason="全年示范带动作用明显，群众评价好")
            else:
                services.post_review(post=post, year=year, outcome="kept", reviewed_on=on, by=by)
    if zone is not None:
        services.post_review(post=zone, year=year, outcome="kept", reviewed_on=on, by=staff.get(zone.organization_id))
