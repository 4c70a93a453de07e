"""Demo data of 宣传与先进典型 (publicity), through the real services (each write audited): in the
first street, published articles of each kind with a photo each, one waiting for the street's
review and one returned with a reason. Nothing is loaded when articles exist."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from pingxing.members.models import Member
from pingxing.orgs.models import Organization
from pingxing.publicity import services
from pingxing.publicity.models import Article

PUBLISHED = (
    ("progress", "评星晋级工作全面启动", "街道召开动员大会，各社区党组织对照标准开展自查，明确年度争创目标。",
     (200, 40, 40)),
    ("progress", "社区党组织完成年中自评", "各党组织按照五星标准逐项自评，查找短板，制定整改措施。",
     (220, 120, 30)),
    ("practice", "“网格连心”服务群众做法", "社区将党员编入网格，每周走访住户，群众诉求当天登记、限时办结。",
     (40, 120, 200)),
    ("practice", "党员设岗定责激发活力", "按照党员特长设立政策宣传、环境维护、邻里调解等岗位，亮身份、作表率。",
     (30, 150, 90)),
    ("model", "优秀共产党员：扎根社区二十年", "她二十年如一日服务社区独居老人，带动身边党员组建关爱帮扶志愿服务队。",
     (180, 30, 60)),
)
SUBMITTED = ("practice", "“红色议事厅”协商共治", "社区搭建议事平台，党员、居民代表共商小区停车、加装电梯等难题。")
RETURNED = ("progress", "星级创建推进会召开", "会议部署下一阶段工作。")
RETURN_REASON = "请补充会议的主要内容、参会人数和现场照片。"


def demo_photo(name: str, colour: tuple[int, int, int]) -> SimpleUploadedFile:
    """A small PNG standing in for a photo (a landscape placeholder: sky, sun, hills), made with Pillow."""
    from PIL import Image, ImageDraw

    sky = tuple(min(255, c // 3 + 170) for c in colour)
    image = Image.new("RGB", (480, 320), sky)
    draw = ImageDraw.Draw(image)
    draw.ellipse((340, 40, 410, 110), fill=(250, 250, 240))
    draw.polygon([(0, 320), (0, 210), (130, 120), (260, 230), (480, 150), (480, 320)], fill=colour)
    draw.polygon([(0, 320), (0, 260), (200, 200), (480, 270), (480, 320)],
                 fill=tuple(max(0, c - 50) for c in colour))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def _pair(street: Organization) -> tuple[Any, Any, Organization] | None:
    """A community's secretary (author) and the street's staff (reviewer)."""
    User = get_user_model()
    reviewer = User.objects.filter(role="street", organization=street, is_active=True).order_by("pk").first()
    author = (User.objects.filter(role__in=("secretary", "clerk"), organization__path__startswith=street.path,
                                  organization__level="organization", is_active=True)
              .select_related("organization").order_by("pk").first())  # the first demo secretary
    if reviewer is None or author is None:
        return None
    return author, reviewer, author.organization


def load_publicity(*, today: dt.date) -> None:
    if Article.objects.exists():
        return
    street = Organization.objects.filter(level="street").order_by("path").first()
    pair = _pair(street) if street is not None else None
    if pair is None:
        return
    author, reviewer, org = pair
    model_member = Member.objects.filter(organization=org).order_by("pk").first()
    for n, (kind, title, body, colour) in enumerate(PUBLISHED):
        article = services.article_create(organization=org, kind=kind, title=title, body=body, year=today.year,
                                          subject_member=model_member if kind == "model" else None,
                                          subject_org=None, by=author)
        services.photo_add(article=article, upload=demo_photo(f"demo-{n + 1}.png", colour),
                           caption=f"{title}（现场照片）", by=author)
        services.article_submit(article=article, by=author)
        services.article_approve(article=article, by=reviewer)
    waiting = services.article_create(organization=org, kind=SUBMITTED[0], title=SUBMITTED[1], body=SUBMITTED[2],
                                      year=today.year, by=author)
    services.photo_add(article=waiting, upload=demo_photo("demo-waiting.png", (90, 60, 160)), caption="议事现场",
                       by=author)
    services.article_submit(article=waiting, by=author)
    returned = services.article_create(organization=org, kind=RETURNED[0], title=RETURNED[1], body=RETURNED[2],
                                       year=today.year, by=author)
    services.article_submit(article=returned, by=author)
    services.article_return(article=returned, reason=RETURN_REASON, by=reviewer)
