"""Demo data (演示数据): a fictional county, two streets, ~600 fictional members and one login per role.

Deterministic for a given date (random.Random(2010)); every name, ID number and phone number is
made up. ID numbers carry a valid GB 11643 check character so they pass validation. Dates follow
the day the demo is loaded on: members joined before it, and the campaigns are this year's and
the two before (see pingxing.ratings.demo).
"""

from __future__ import annotations

import datetime as dt
import random
from importlib import import_module

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from pingxing.core.audit import AuditAction, audit_record
from pingxing.members.grouping import age_on
from pingxing.members.models import Member, id_number_digest
from pingxing.members.validators import id_check_char
from pingxing.orgs.models import Organization, PartyGroup
from pingxing.orgs.services import org_create

DEMO_PASSWORD = "Pingxing-Demo-Lantern-2010"

_LOGINS = [
    ("县评星办", "county"),
    ("街道党工委（柯桥）", "street_keqiao"),
    ("社区党组织书记", "secretary_diyang"),
    ("社区党组织工作人员", "clerk_diyang"),
    ("党员", "member_diyang"),
    ("系统管理员", "admin"),
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢傅钟姜崔谭陆范汪金石廖贾夏韦付方邹熊孟秦白江阎薛尹段雷黎史龙陶贺顾毛郝龚邵万钱严覃武戴莫孔汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国文辉红玲海燕鹏飞斌宇浩凯晨欣怡佳琪瑶婷雪梅兰松柏林峰波宁晓春秋冬阳光志远振兴德福庆祥瑞"
OCCUPATIONS = ["纺织", "商贸", "个体经营", "教育", "医疗卫生", "社区工作", "机关事业", "退休", "建筑", "物流", "金融", "农业"]
SPECIALTIES = ["", "", "文艺", "书法", "法律咨询", "医疗保健", "电脑维修", "调解", "体育", "摄影", "家电维修", "心理疏导"]
# 柯桥 communities: (name, form, member count). Sizes put 笛扬 (95) and 柯亭 (48) on the upgrade list.
KEQIAO_COMMUNITIES = [
    ("笛扬社区", "general_branch", 95), ("柯亭社区", "branch", 48), ("瓜渚社区", "general_branch", 66),
    ("湖西社区", "branch", 22), ("大渡社区", "branch", 18), ("融光社区", "branch", 16),
    ("双渎社区", "branch", 14), ("鉴湖社区", "branch", 20), ("兴越社区", "branch", 12),
    ("轻纺城社区", "branch", 17), ("金柯桥社区", "branch", 15), ("梅墅社区", "branch", 13),
    ("蓝印社区", "branch", 11), ("万商社区", "branch", 16), ("稽山社区", "branch", 10),
    ("兰亭社区", "branch", 12), ("会稽社区", "branch", 14), ("清风社区", "branch", 11),
    ("望江社区", "branch", 13), ("南池社区", "branch", 10),
]
KEQIAO_OTHERS = [
    ("柯桥纺织印染有限公司", "enterprise", "branch", 18), ("越绣服饰有限公司", "enterprise", "branch", 14),
    ("鉴水物流有限公司", "enterprise", "branch", 12), ("柯桥街道中心小学", "institution", "branch", 15),
    ("柯桥街道社区卫生服务中心", "institution", "branch", 11), ("柯桥纺织行业协会", "social_org", "branch", 8),
]
HUASHE_COMMUNITIES = [("华舍社区", "branch", 16), ("蜀阜社区", "branch", 15), ("西蜀社区", "branch", 14),
                      ("亭西社区", "branch", 12), ("赵墅社区", "branch", 12)]
SUFFIX = {"committee": "党委", "general_branch": "党总支", "branch": "党支部"}


# The apps' demo data, loaded in this order on top of the organizations, members and users:
# each loader may look up what the ones before it created. (module, function(*, today)).
DEMO_LOADERS: tuple[tuple[str, str], ...] = (
    ("pingxing.ratings.demo", "load_campaigns"),  # three years of 评星晋级 campaigns
    ("pingxing.evaluations.demo", "load_evaluations"),  # this year's 民主评议党员 at different steps
    ("pingxing.pledges.demo", "load_pledges"),
    ("pingxing.points.demo", "load_points"),
    ("pingxing.posts.demo", "load_posts"),
    ("pingxing.training.demo", "load_training"),
    ("pingxing.cadres.demo", "load_cadres"),
    ("pingxing.grid.demo", "load_grid"),
    ("pingxing.cobuilding.demo", "load_cobuilding"),
    ("pingxing.stations.demo", "load_stations"),
    ("pingxing.volunteers.demo", "load_volunteers"),
    ("pingxing.carefund.demo", "load_carefund"),
    ("pingxing.plans.demo", "load_plans"),
    ("pingxing.publicity.demo", "load_publicity"),
    ("pingxing.fivegood.demo", "load_fivegood"),
    # last, so that no loader above takes the regional organizations for communities
    ("pingxing.members.demo_regional", "load_regional"),
)


def demo_logins() -> list[tuple[str, str]]:
    """(role label, username) of the demo logins, all with DEMO_PASSWORD."""
    return list(_LOGINS)


def load_demo_if_empty(today: dt.date | None = None) -> bool:
    """Load the demo once, dated as of `today` (the local date by default): True when loaded,
    False when the database already holds organizations."""
    if Organization.objects.exists():
        return False
    today = today or timezone.localdate()
    with transaction.atomic():
        if Organization.objects.select_for_update().exists():
            return False
        _load(random.Random(2010), today)
        for module, function in DEMO_LOADERS:
            getattr(import_module(module), function)(today=today)
    return True


class _People:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.ids: set[str] = set()
        self.phones: set[str] = set()

    def name(self) -> str:
        given = self.rng.choice(GIVEN) + (self.rng.choice(GIVEN) if self.rng.random() < 0.7 else "")
        return self.rng.choice(SURNAMES) + given

    def id_number(self, birth: dt.date, male: bool) -> str:
        while True:
            seq = self.rng.randrange(0, 500) * 2 + (1 if male else 0)
            first17 = f"330621{birth:%Y%m%d}{seq:03d}"
            number = first17 + id_check_char(first17)
            if number not in self.ids:
                self.ids.add(number)
                return number

    def phone(self) -> str:
        while True:
            number = f"{self.rng.choice(['139', '138'])}{self.rng.randrange(10**8):08d}"
            if number not in self.phones:
                self.phones.add(number)
                return number


def _org(code: str, name: str, level: str, parent: Organization | None, people: _People,
         kind: str = "", form: str = "") -> Organization:
    return org_create(code=code, name=name, level=level, kind=kind, form=form, parent=parent,
                      secretary_name=people.name() if level == "organization" else "", by=None, audit=False)


def _members(org: Organization, count: int, people: _People, street_name: str, today: dt.date) -> list[Member]:
    rng = people.rng
    groups: dict[str, PartyGroup] = {}
    if count >= 30:
        for label, basis in (("青年", "age"), ("中年", "age"), ("老年", "age")):
            groups[label] = PartyGroup.objects.create(organization=org, name=f"{label}党小组", basis=basis,
                                                      leader_name=people.name())
    members = []
    for _ in range(count):
        male = rng.random() < 0.6
        birth = dt.date(rng.randint(1940, 2000), rng.randint(1, 12), rng.randint(1, 28))
        age = age_on(birth, today)
        joined = min(birth + dt.timedelta(days=365 * rng.randint(18, 45) + rng.randint(0, 364)),
                     today - dt.timedelta(days=rng.randint(30, 400)))
        education = rng.choice(["bachelor", "college", "postgraduate"] if age < 40 else
                               ["primary", "junior", "senior", "college", "bachelor"])
        id_number = people.id_number(birth, male)
        group = None
        if groups:
            group = groups["青年" if age <= 35 else "中年" if age <= 60 else "老年"]
        members.append(Member(
            name=people.name(), gender="M" if male else "F", birth_date=birth, education=education,
            joined_on=joined, occupation="退休" if age >= 62 else rng.choice(OCCUPATIONS[:-5] + OCCUPATIONS[-4:]),
            specialty=rng.choice(SPECIALTIES), phone=people.phone(), id_number=id_number,
            id_number_digest=id_number_digest(id_number),
            address=f"{street_name}{org.name[:-3]}{rng.randint(1, 30)}幢{rng.randint(1, 4)}单元",
            organization=org, party_group=group,
            status="probationary" if today - joined < dt.timedelta(days=365) else "full",
            is_mobile=rng.random() < 0.05,
        ))
    return members


def _load(rng: random.Random, today: dt.date) -> None:
    from pingxing.accounts.models import User

    people = _People(rng)
    county = _org("330621", "绍兴县委组织部（评星晋级工作领导小组办公室）", "county", None, people)
    keqiao = _org("330621001", "柯桥街道党工委", "street", county, people)
    huashe = _org("330621002", "华舍街道党工委", "street", county, people)
    members: list[Member] = []
    orgs_by_name = {}
    for i, (name, form, count) in enumerate(KEQIAO_COMMUNITIES, start=1):
        org = _org(f"KQ{i:03d}", name + SUFFIX[form], "organization", keqiao, people, "community", form)
        orgs_by_name[name] = org
        members += _members(org, count, people, "柯桥街道", today)
    for i, (name, kind, form, count) in enumerate(KEQIAO_OTHERS, start=101):
        org = _org(f"KQ{i:03d}", name + SUFFIX[form], "organization", keqiao, people, kind, form)
        members += _members(org, count, people, "柯桥街道", today)
    for i, (name, form, count) in enumerate(HUASHE_COMMUNITIES, start=1):
        org = _org(f"HS{i:03d}", name + SUFFIX[form], "organization", huashe, people, "community", form)
        members += _members(org, count, people, "华舍街道", today)
    Member.objects.bulk_create(members, batch_size=500)

    diyang = orgs_by_name["笛扬社区"]
    own_record = Member.objects.filter(organization=diyang).order_by("id").first()
    password = make_password(DEMO_PASSWORD)  # hashed once: PBKDF2 six times would take seconds
    accounts = [
        ("county", "county", county, None, "县评星办演示账号"),
        ("street_keqiao", "street", keqiao, None, "柯桥街道演示账号"),
        ("secretary_diyang", "secretary", diyang, None, diyang.secretary_name),
        ("clerk_diyang", "clerk", diyang, None, "笛扬社区工作人员"),
        ("member_diyang", "member", diyang, own_record, own_record.name if own_record else ""),
        ("admin", "admin", None, None, "系统管理员"),
        ("street_huashe", "street", huashe, None, "华舍街道演示账号"),
    ]
    # Every other community gets its secretary's account too (secretary_<code>), so each
    # demo declaration is made by the community itself.
    accounts += [
        (f"secretary_{org.code.lower()}", "secretary", org, None, org.secretary_name)
        for org in Organization.objects.communities().exclude(pk=diyang.pk).order_by("code")
    ]
    User.objects.bulk_create([
        User(username=username, role=role, organization=org, member=member, display_name=display,
             password=password)
        for username, role, org, member, display in accounts
    ])
    audit_record(
        action=AuditAction.IMPORT, username="demo", object_type="demo", object_repr="演示数据",
        organization=county,
        changes={"organizations": [None, Organization.objects.count()], "members": [None, len(members)],
                 "users": [None, len(accounts)]},
    )
