"""Demo data of 结对共建 (cobuilding): outside units per street and a contract for every community
with items in all six areas, deliveries, some reviewed by both sides, some by one."""

from __future__ import annotations

import datetime as dt

from pingxing.cobuilding import services
from pingxing.cobuilding.models import Area, Contract, Verdict

UNITS = (("辖区企业", "企业", "李经理"), ("中心小学", "学校", "张校长"), ("派出所", "派出所", "王所长"),
         ("社区医院", "医院", "赵院长"))
ITEMS = {
    Area.PARTY_WORK: ("每季度召开一次党建联席会议", "形成会议纪要"),
    Area.COMMUNITY_SERVICE: ("联合开展为老助残志愿服务", "服务困难群众30户次"),
    Area.PUBLIC_WELFARE: ("资助困难学生", "资助10名学生"),
    Area.CULTURE: ("共同举办社区文化节", "参与群众200人次"),
    Area.PUBLIC_SECURITY: ("联合夜间治安巡逻", "每月巡逻2次"),
    Area.SANITATION: ("共同清理小区卫生死角", "每季度一次"),
}


def load_cobuilding(*, today: dt.date) -> None:
    """Nothing when contracts exist already or a street has no street user to act."""
    from pingxing.accounts.models import User
    from pingxing.orgs.models import Organization, OrgLevel, OutsideUnit

    if Contract.objects.exists():
        return
    year = today.year
    for street in Organization.objects.filter(level=OrgLevel.STREET).order_by("path"):
        by = User.objects.filter(role="street", organization=street, is_active=True).order_by("pk").first()
        if by is None:
            continue
        units = []
        for name, category, contact in UNITS:
            full = f"{street.name.removesuffix('党工委').removesuffix('街道')}{name}"
            unit = OutsideUnit.objects.filter(street=street, name=full).first() or services.outside_unit_register(
                street=street, name=full, category=category, contact_name=contact, by=by)
            units.append(unit)
        communities = Organization.objects.filter(path__startswith=street.path, parent=street).order_by("path")
        for k, org in enumerate(communities):
            contract = services.contract_create(
                organization=org, title=f"{org.name}与{units[k % len(units)].name}共建协议",
                period_start=dt.date(year, 1, 1), period_end=dt.date(year, 12, 31),
                signed_on=dt.date(year, 1, 10), by=by)
            partner = services.partner_add(contract=contract, outside_unit=units[k % len(units)], by=by)
            for n, (area, (content, expected)) in enumerate(ITEMS.items()):
                item = services.item_add(contract=contract, area=area, content=content, expected=expected,
                                         responsible=partner if n % 2 else None,
                                         due_on=today - dt.timedelta(days=30 - 10 * n), by=by)
                if (n + k) % 3 != 2:
                    services.delivery_record(item=item, done_on=today - dt.timedelta(days=40 - 5 * n),
                                             text=f"已{content}", by_partner=partner if n % 2 else None, by=by)
            if k % 3 == 0:
                services.review_sign(contract=contract, year=year, partner=None, verdict=Verdict.KEPT, by=by)
                services.review_sign(contract=contract, year=year, partner=partner, by=by,
                                     verdict=Verdict.KEPT if k % 2 == 0 else Verdict.PARTLY,
                                     signed_for=partner.outside_unit.contact_name if partner.outside_unit else "")
            elif k % 3 == 1:
                services.review_sign(contract=contract, year=year, partner=None, verdict=Verdict.KEPT, by=by)
