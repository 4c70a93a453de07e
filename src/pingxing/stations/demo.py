"""Demo data of 服务阵地 (stations), through the real services (each write audited): the first
street's 党员服务中心, a 党员服务站 per community and a couple in enterprises, activities over
the year, and remote-education sessions (training sessions, so the hours reach 我的培训) with
the members of the site's organization attending. Nothing is loaded when stations exist."""

from __future__ import annotations

import datetime as dt
import random

from pingxing.members.models import Member
from pingxing.orgs.models import Organization
from pingxing.stations import services
from pingxing.stations.models import Station

WORKDAYS = [{"weekday": d, "from": "08:30", "to": "17:00"} for d in range(5)]
EVENINGS = [{"weekday": d, "from": "18:30", "to": "20:30"} for d in (1, 3)] + [
    {"weekday": 5, "from": "09:00", "to": "11:30"}]
CENTER_SERVICES = ["transfer", "dues", "hardship", "policy", "employment", "volunteer", "remote_education"]
STATION_SERVICES = ["dues", "hardship", "policy", "volunteer", "remote_education"]
ACTIVITIES = (("学习二十届全会精神", "study"), ("便民理发义剪", "service"), ("敬老院志愿服务", "volunteer"),
              ("困难党员走访慰问", "care"), ("党员政策宣讲", "study"), ("社区环境整治", "volunteer"))
LESSONS = ("新时代党员先锋作用", "基层党建工作实务", "乡村振兴政策解读", "党纪学习教育")
STAFF = ("王建国", "李秀英", "张伟", "刘芳", "陈静", "杨勇")


def load_stations(*, today: dt.date) -> None:
    if Station.objects.exists():
        return
    street = Organization.objects.filter(level="street").order_by("path").first()
    if street is None:
        return
    rng = random.Random(47)
    center = services.station_save(
        organization=street, kind="center", name=f"{street.name.removesuffix('党工委')}党员服务中心",
        address=f"{street.name.removesuffix('党工委')}便民服务大楼一楼", hours=WORKDAYS,
        hours_note="法定节假日休息", services=CENTER_SERVICES, by=None,
        staff=[{"name": "沈晓红", "role": "中心主任", "phone": "13857500001"},
               {"name": "钱立新", "role": "工作人员", "phone": "13857500002"}])
    below = Organization.objects.filter(path__startswith=street.path, level="organization").order_by("path")
    communities = list(below.filter(kind="community")[:6])
    enterprises = list(below.filter(kind="enterprise")[:2])
    stations = [center]
    for i, org in enumerate(communities + enterprises):
        in_enterprise = org.kind == "enterprise"
        stations.append(services.station_save(
            organization=org, kind="point" if in_enterprise else "station",
            name=f"{org.name.removesuffix('党支部').removesuffix('党总支').removesuffix('党委')}"
                 f"{'党员服务点' if in_enterprise else '党员服务站'}",
            address=f"{org.name[:4]}办公楼{i + 1}楼", hours=EVENINGS if in_enterprise else WORKDAYS[:5],
            services=STATION_SERVICES[2:] if in_enterprise else STATION_SERVICES, by=None,
            staff=[{"name": STAFF[i % len(STAFF)], "role": "站长", "phone": f"1385750{1000 + i:04d}"}]))
    for station in stations:
        for month in range(1, today.month + 1, 2):
            title, kind = ACTIVITIES[(month + station.pk) % len(ACTIVITIES)]
            day = min(dt.date(today.year, month, 10 + rng.randrange(10)), today)
            services.activity_record(station=station, date=day, title=title, kind=kind,
                                     participants=rng.randrange(8, 60), by=None,
                                     description=f"{station.name}组织开展{title}活动。")
    for station in stations[1:4]:
        site = services.site_create(organization=station.organization, station=station,
                                    name=f"{station.name}远程教育站点", equipment="电视机、电脑、投影仪各1台",
                                    by=None)
        members = list(Member.objects.filter(organization=station.organization).order_by("pk")[:12])
        for n, lesson in enumerate(LESSONS):
            day = dt.date(today.year, 1 + n * 2, 15)
            if day > today:
                break
            attending = [m for m in members if rng.random() < 0.8]
            services.remote_session_record(site=site, title=lesson, date=day, hours="2", members=attending,
                                           by=None)
