"""Demo regional Party building (区域化党建): a 商贸楼宇 regional organization with member units
and drawn members, a professional association and an industry chain."""

from __future__ import annotations

import datetime as dt

from pingxing.members.models import Member
from pingxing.members.services_regional import drawn_member_add, member_work_unit_set
from pingxing.orgs.models import Organization, OrgKind, OrgLevel, OutsideUnit
from pingxing.orgs.services import org_create, outside_unit_create
from pingxing.orgs.services_regional import member_unit_add


def load_regional(*, today: dt.date) -> None:
    street = Organization.objects.filter(level=OrgLevel.STREET).order_by("path").first()
    if street is None:
        return
    enterprises = list(Organization.objects.within(street).filter(level=OrgLevel.ORGANIZATION,
                                                                 kind=OrgKind.ENTERPRISE).order_by("code")[:2])
    since = today - dt.timedelta(days=200)
    building = org_create(code=f"{street.code}-RG1", name="柯桥商贸楼宇区域化党委", level=OrgLevel.ORGANIZATION,
                          kind=OrgKind.REGIONAL, form="committee", parent=street, secretary_name="钱立群", by=None)
    org_create(code=f"{street.code}-AS1", name="柯桥纺织行业协会党支部", level=OrgLevel.ORGANIZATION,
               kind=OrgKind.ASSOCIATION, form="branch", parent=street, secretary_name="孙海燕", by=None)
    org_create(code=f"{street.code}-IC1", name="柯桥印染产业链党委", level=OrgLevel.ORGANIZATION,
               kind=OrgKind.INDUSTRY_CHAIN, form="committee", parent=street, secretary_name="李建平", by=None)
    for i, org in enumerate(enterprises):
        unit = member_unit_add(regional=building, organization=org, role="lead" if i == 0 else "member",
                               joined_on=since, by=None)
        member = Member.objects.filter(organization=org).order_by("id").first()
        if member is not None:
            drawn_member_add(regional=building, member=member, member_unit=unit, joined_on=since, by=None)
    for name in ("轻纺城国际商务大厦物业公司", "柯桥商会大厦服务中心"):
        outside = (OutsideUnit.objects.filter(street=street, name=name).first()
                   or outside_unit_create(street=street, name=name, category="企业", contact_name="王经理",
                                          contact_phone="13905750000", by=None))
        unit = member_unit_add(regional=building, outside_unit=outside, joined_on=since, by=None)
        worker = (Member.objects.within(street).filter(work_unit__isnull=True, drawings__isnull=True)
                  .order_by("-id").first())
        if worker is not None:
            member_work_unit_set(member=worker, unit=outside, by=None)
            drawn_member_add(regional=building, member=worker, member_unit=unit, joined_on=since, by=None)
