"""Demo data of the grid network: in every 柯桥 community 1–2 large grids with 2–4 small grids
each, their teams, about 3,000 households with residents (fictional ID numbers valid by
checksum), situation tags, member–household links for about 40% of the members, and a year of
visit diaries (some graded, a few with photos). Bulk inserts: the whole part takes seconds.

The community secretary's account leads (网格长) each grid of the community; `clerk_diyang` is
a 网格员 of a 笛扬 grid (the visit page is reachable in the demo) and `member_diyang`'s member
record is a 党员 of the same team (no account link: the member record alone puts them on it)."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from pingxing.core.files import stored_name
from pingxing.grid import services
from pingxing.grid.models import (
    Grid,
    Household,
    HouseholdLink,
    Resident,
    TeamMember,
    Visit,
    VisitKind,
    VisitPhoto,
)
from pingxing.members.models import Member, id_number_digest
from pingxing.members.validators import id_check_char
from pingxing.orgs.models import Organization

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国文辉红玲海燕鹏飞斌宇浩凯晨欣怡佳琪瑶婷雪梅兰松"
HEARD = [
    ("楼道灯不亮，晚上进出不方便", "更换了楼道灯泡"), ("老人独居，希望有人定期上门看看", "约定每周电话问候"),
    ("小区停车位紧张，电动车乱停", "联系物业划定停放区"), ("孩子放学后无人照看", "介绍了社区四点半课堂"),
    ("希望增加健身器材", ""), ("垃圾分类投放点离家太远", "向社区反映调整点位"), ("医保报销流程不清楚", "当场讲解了报销流程"),
    ("邻里之间因漏水有矛盾", "上门调解，约定共同维修"), ("想参加社区志愿服务", "登记加入志愿者队伍"),
    ("下水道堵塞", "已联系维修"), ("对老旧小区改造进度有疑问", "说明了改造计划"), ("希望开展防诈骗宣传", ""),
]
PLACES = ["社区议事厅", "小区广场", "社区党群服务中心", "居民楼下", "文化礼堂"]
# The smallest PNG (1×1) stands for a photo.
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")
RELATIONS = ["配偶", "子女", "父母", "孙辈"]


class _People:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.seq = 0

    def name(self) -> str:
        return self.rng.choice(SURNAMES) + self.rng.choice(GIVEN) + (self.rng.choice(GIVEN) if self.rng.random() < .7 else "")

    def id_number(self, birth: dt.date) -> str:
        self.seq += 1
        first17 = f"330621{birth:%Y%m%d}{self.seq % 1000:03d}"
        return first17 + id_check_char(first17)

    def phone(self) -> str:
        return f"{self.rng.choice(['138', '139'])}{self.rng.randrange(10**8):08d}"


def load_network(*, today: dt.date | None = None) -> None:
    """Demo data of the network part; nothing when it exists already."""
    if Grid.objects.exists():
        return
    street = Organization.objects.filter(code="330621001").first()
    if street is None:
        return
    today = today or timezone.localdate()
    rng = random.Random(1212)
    with transaction.atomic():
        services.team_roles_ensure()
        tags = services.situation_tags_ensure()
        roles = {r.name: r for r in services.team_roles_ensure()}
        communities = list(Organization.objects.communities().filter(path__startswith=street.path).order_by("code"))
        _load(rng, _People(rng), communities, roles, tags, today)


def _load(rng: random.Random, people: _People, communities: list[Organization], roles: dict[str, Any],
          tags: list[Any], today: dt.date) -> None:
    from pingxing.accounts.models import User

    users = {u.organization_id: u for u in User.objects.filter(role="secretary", organization__in=communities)}
    clerk = User.objects.filter(username="clerk_diyang").first()
    member_login = User.objects.filter(username="member_diyang").select_related("member").first()
    members: dict[int, list[Member]] = {}
    for m in Member.objects.filter(organization__in=communities).only("pk", "name", "organization_id"):
        members.setdefault(m.organization_id, []).append(m)
    large: list[Grid] = []
    for org in communities:
        for n in range(1, (2 if len(members.get(org.pk, ())) >= 40 else 1) + 1):
            large.append(Grid(community=org, level="large", code=f"{org.code}-{n}", name=f"{org.name[:-3]}第{n}网格",
                              area=f"{org.name[:-3]}{'东西'[n - 1]}片"))
    Grid.objects.bulk_create(large)
    small: list[Grid] = []
    for g in large:
        for n in range(1, rng.randint(2, 4) + 1):
            small.append(Grid(community=g.community, parent=g, level="small", code=f"{g.code}-{n}",
                              name=f"{g.name}{n}号小网格", addresses=[f"{k}幢" for k in range(n * 10 - 9, n * 10 + 1)]))
    Grid.objects.bulk_create(small)
    team = _teams(rng, people, large, small, roles, users, members, clerk, member_login)
    TeamMember.objects.bulk_create(team)
    homes = _households(rng, people, small, tags)
    _links(rng, homes, members, users)
    _visits(rng, homes, small, users, clerk, member_login, today)


def _teams(rng: random.Random, people: _People, large: list[Grid], small: list[Grid], roles: dict[str, Any],
           users: dict[int, Any], members: dict[int, list[Member]], clerk: Any, member_login: Any) -> list[TeamMember]:
    team = []
    for g in large:
        lead = users.get(g.community_id)
        team.append(TeamMember(grid=g, role=roles["网格长"], name=lead.display_name if lead else people.name(),
                               user=lead))
    diyang_done = False
    for g in small:
        lead = users.get(g.community_id)
        own = members.get(g.community_id) or []
        team.append(TeamMember(grid=g, role=roles["网格长"], name=lead.display_name if lead else people.name(), user=lead))
        worker_user = None
        if clerk is not None and g.community_id == clerk.organization_id and not diyang_done:
            worker_user = clerk
        team.append(TeamMember(grid=g, role=roles["网格员"], name=str(worker_user) if worker_user else people.name(),
                               user=worker_user, phone=people.phone()))
        party = own[rng.randrange(len(own))] if own else None
        if worker_user is not None and member_login is not None and member_login.member is not None:
            party, diyang_done = member_login.member, True
        if party is not None:
            team.append(TeamMember(grid=g, role=roles["党员"], name=party.name, member=party))
        for role, unit in (("民警", "柯桥派出所"), ("医生", "社区卫生服务站"), ("律师", "柯桥律师事务所"), ("志愿者", "")):
            team.append(TeamMember(grid=g, role=roles[role], name=people.name(), unit=unit, phone=people.phone()))
    return team


def _households(rng: random.Random, people: _People, small: list[Grid], tags: list[Any]) -> list[Household]:
    homes: list[Household] = []
    for g in small:
        place = g.community.name[:-3]
        for k in range(rng.randint(25, 45)):
            building = f"{g.addresses[k % len(g.addresses)]}"
            address = f"柯桥街道{place}{g.code[-3:]}{building}{k // 10 + 1}单元{k % 10 + 1}0{rng.randint(1, 4)}室"
            homes.append(Household(grid=g, address=address, address_digest=services.address_digest(address),
                                   building=building))
    Household.objects.bulk_create(homes, batch_size=1000)
    residents = []
    for h in homes:
        head_birth = dt.date(rng.randint(1940, 1995), rng.randint(1, 12), rng.randint(1, 28))
        number = people.id_number(head_birth)
        residents.append(Resident(household=h, name=people.name(), relation="户主", id_number=number,
                                  id_number_digest=id_number_digest(number), phone=people.phone(),
                                  birth_year=head_birth.year))
        for _ in range(rng.choice((0, 1, 1, 2))):
            residents.append(Resident(household=h, name=people.name(), relation=rng.choice(RELATIONS),
                                      birth_year=rng.randint(1935, 2020)))
    Resident.objects.bulk_create(residents, batch_size=1000)
    through = Household.tags.through
    through.objects.bulk_create([through(household_id=h.pk, situationtag_id=rng.choice(tags).pk)
                                 for h in homes if rng.random() < 0.15], batch_size=1000)
    return homes


def _links(rng: random.Random, homes: list[Household], members: dict[int, list[Member]], users: dict[int, Any]) -> None:
    by_community: dict[int, list[Household]] = {}
    for h in homes:
        by_community.setdefault(h.grid.community_id, []).append(h)
    links = []
    for org_id, own in members.items():
        lead, pool = users.get(org_id), by_community.get(org_id, [])
        if lead is None or not pool:
            continue
        for member in rng.sample(own, k=round(len(own) * 0.4)):
            for h in rng.sample(pool, k=min(len(pool), rng.randint(1, 3))):
                links.append(HouseholdLink(member=member, household=h, created_by=lead,
                                           since=dt.date(2025, rng.randint(1, 12), 1)))
    HouseholdLink.objects.bulk_create(links, batch_size=1000, ignore_conflicts=True)


def _visits(rng: random.Random, homes: list[Household], small: list[Grid], users: dict[int, Any], clerk: Any,
            member_login: Any, today: dt.date) -> None:
    by_grid: dict[int, list[Household]] = {}
    for h in homes:
        by_grid.setdefault(h.grid_id, []).append(h)
    visits, named = [], []
    for g in small:
        recorders = [u for u in (users.get(g.community_id),) if u is not None]
        if clerk is not None and g.community_id == clerk.organization_id:
            recorders += [clerk] + ([member_login] if member_login is not None else [])
        if not recorders:
            continue
        for _ in range(rng.randint(3, 6)):
            by = rng.choice(recorders)
            kind = rng.choices([VisitKind.VISIT, VisitKind.TALK, VisitKind.HEARING, VisitKind.DAY], [8, 2, 1, 2])[0]
            day = today - dt.timedelta(days=rng.randint(0, 364))
            heard, done = rng.choice(HEARD)
            lead = users.get(g.community_id)
            graded = lead is not None and rng.random() < 0.4 and day < today - dt.timedelta(days=7)
            visits.append(Visit(
                kind=kind, grid=g, recorded_by=by, member_id=by.member_id, occurred_on=day, heard=heard, done=done,
                place="" if kind == VisitKind.VISIT else rng.choice(PLACES),
                participants=None if kind == VisitKind.VISIT else rng.randint(8, 40),
                grade=rng.choice(["good", "good", "fair", "plain"]) if graded else "",
                reviewed_by=lead if graded else None,
                reviewed_at=timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=3), dt.time(17)))
                if graded else None))
            pool = by_grid.get(g.pk, [])
            named.append(rng.sample(pool, k=min(len(pool), 1 if kind == VisitKind.VISIT else rng.randint(3, 6))))
    Visit.objects.bulk_create(visits, batch_size=500)
    through = Visit.households.through
    through.objects.bulk_create([through(visit_id=v.pk, household_id=h.pk) for v, hs in zip(visits, named, strict=True)
                                 for h in hs], batch_size=1000)
    for v in visits[::60]:  # a few with a photo
        photo = VisitPhoto(visit=v, original_name="走访照片.png")
        photo.file.save(stored_name("photo.png"), ContentFile(PNG), save=True)
