"""Demo data of 党内关爱基金 (carefund): the 柯桥 street's fund with donations through the year, a
register of five members in hardship in 笛扬社区, and applications at every step — one paid, one in
notice, one waiting for approval, one rejected, one 创业扶助 paid — and one payout reversed.
Everything goes through the services (maker 笛扬 secretary, checker 柯桥 street, approver county)."""

from __future__ import annotations

import datetime as dt

from pingxing.accounts.models import User
from pingxing.carefund import ledger, services
from pingxing.carefund.models import Application, Fund, HardshipRecord
from pingxing.members.models import Member
from pingxing.orgs.models import Organization, OrgLevel

# (days before today, donor, yuan)
DONATIONS = ((300, "柯桥纺织印染有限公司", 20_000), (240, "越绣服饰有限公司", 8_000), (180, "街道机关党员", 1_236),
             (120, "鉴水物流有限公司", 5_000), (60, "笛扬社区党员", 688), (10, "爱心人士王先生", 2_000))
HARDSHIP = (("illness", "患尿毒症需长期透析，配偶无业，月医疗支出约三千元。", "街道春节慰问金500元"),
            ("elderly", "八十六岁独居，子女在外地，行动不便。", "社区结对走访，每月两次"),
            ("disaster", "台风致房屋受损，屋顶漏雨需修缮。", ""),
            ("low_income", "家庭人均月收入低于低保线，孩子读高中。", "民政低保"),
            ("disability", "肢体二级残疾，无固定收入。", "残联补助"))


def load_carefund(*, today: dt.date) -> None:
    """Skipped when a fund already exists (the demo loads once)."""
    if Fund.objects.exists():
        return
    street = Organization.objects.filter(level=OrgLevel.STREET, name="柯桥街道党工委").first()
    office = User.objects.filter(organization=street, role="street").order_by("pk").first()
    county = User.objects.filter(role="county").order_by("pk").first()
    community = Organization.objects.filter(parent=street, name__startswith="笛扬").first()
    maker = User.objects.filter(organization=community, role="secretary").order_by("pk").first()
    if street is None or office is None or county is None or community is None or maker is None:
        return
    members = list(Member.objects.filter(organization=community).order_by("pk")[1:8])
    if len(members) < 7:
        return
    fund = ledger.open_fund(organization=street, name="柯桥街道党内关爱基金", notice_days=5, by=office)
    for n, (days_ago, donor, yuan) in enumerate(DONATIONS):
        services.donation_record(fund=fund, donor=donor, amount=yuan * 100, booked_on=today - dt.timedelta(
            days=days_ago), key=f"demo-{n}", by=office, today=today)
    records = [services.hardship_register(member=m, kind=kind, situation=situation, support_received=support,
                                          registered_on=today - dt.timedelta(days=200 - 20 * i), by=maker)
               for i, (m, (kind, situation, support)) in enumerate(zip(members[:5], HARDSHIP, strict=True))]

    def propose(record: HardshipRecord | None, amount: str, reason: str, *,
                member: Member | None = None) -> Application:
        purpose = "startup" if member is not None else "hardship"
        return services.application_propose(fund=fund, purpose=purpose, hardship=record, member=member,
                                            amount=amount, reason=reason, by=maker)

    def through(app: Application, *, approved_days_ago: int, pay: bool) -> Application:
        app = services.application_review(app=app, by=office, note="情况属实")
        app = services.application_approve(app=app, by=county, today=today - dt.timedelta(days=approved_days_ago))
        if pay:
            app = services.application_pay(app=app, by=office, today=today - dt.timedelta(days=approved_days_ago - 6))
        return app

    through(propose(records[0], "2000", "透析费用负担重，申请困难帮扶。"), approved_days_ago=60, pay=True)
    through(propose(records[1], "800", "冬季取暖和日常照料。"), approved_days_ago=1, pay=False)
    services.application_review(app=propose(records[2], "3000", "屋顶修缮费用。"), by=office, note="已现场核实")
    services.application_reject(app=propose(records[3], "1500", "孩子学费。"),
                                reason="已由教育助学渠道解决，不重复帮扶", by=office)
    through(propose(None, "5000", "创业计划：在轻纺城开办面料小店，自筹三万元，申请启动扶助。",
                    member=members[5]), approved_days_ago=40, pay=True)
    wrong = through(propose(records[4], "600", "康复器具。"), approved_days_ago=30, pay=True)
    services.application_correct(app=wrong, reason="与残联补助重复，收回后另行申请", by=office,
                                 today=today - dt.timedelta(days=10))
