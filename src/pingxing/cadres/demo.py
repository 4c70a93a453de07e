"""Demo data of the cadres app, through its services (every write audited):

- the 两委 roster of four 柯桥 communities (笛扬、柯亭、瓜渚、湖西): members of each community
  on the party committee, residents who are no members on the residents' and supervisory
  committees, the secretary also 居委会主任 (交叉任职), ages and education varied;
- this year's pledges approved by the street, the secretaries' with a star target near the
  campaign's declared star; mid-year checkpoints recorded: kept, partly, and two not kept —
  one accountability case still open, one decided with 提醒谈话;
- one adjustment case proposed (open) and one decided (调整: the post ends).

Nothing is loaded when posts exist already.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from pingxing.cadres import services
from pingxing.cadres.models import AccountabilityCase, LeadershipPost

COMMUNITIES = ["笛扬社区党总支", "柯亭社区党支部", "瓜渚社区党总支", "湖西社区党支部"]
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国文辉红玲海燕"
_SECRETARY_ITEMS = ("带领社区创建“%(star)s星级”基层党组织", "每月主持一次民情研判会，重大事务按程序民主决策",
                    "每年开展廉洁承诺、述职述廉，接受党员和居民代表民主评议")
_ITEMS = ("每周走访联系网格内住户不少于10户", "按期办结居民诉求，办结率达到95%以上",
          "牵头完成社区垃圾分类示范小区创建", "做好居务公开，每季度更新公开栏")


def _star_target(org: Any, year: int) -> int:
    from pingxing.ratings.models import RatingCase, StarResult

    declared = (RatingCase.objects.filter(organization=org, campaign__year=year)
                .values_list("declared_star", flat=True).first())
    if declared:
        return int(declared)
    last = StarResult.objects.filter(organization=org, year=year - 1).values_list("star", flat=True).first()
    return min(5, (last or 2) + 1)


def load_cadres(*, today: dt.date | None = None) -> None:
    """Demo data of the cadres app, through its services; nothing when it exists already."""
    from pingxing.accounts.models import User
    from pingxing.members.models import Member
    from pingxing.orgs.models import Organization

    if LeadershipPost.objects.exists():
        return
    today = today or timezone.localdate()
    year = today.year
    rng = random.Random(2010)
    orgs = {o.name: o for o in Organization.objects.filter(name__in=COMMUNITIES)}
    street = User.objects.filter(role="street", organization__name="柯桥街道党工委").order_by("pk").first()
    secretaries = {u.organization_id: u for u in User.objects.filter(role="secretary")}
    term = dt.date(year - 2, 3, 1) if year > 2002 else dt.date(year, 1, 1)
    mid = max(dt.date(year, 1, 2), min(dt.date(year, 6, 30), today))
    not_kept: list[Any] = []
    partly_done = False

    def resident() -> dict[str, Any]:
        birth = dt.date(rng.randint(1963, 1996), rng.randint(1, 12), rng.randint(1, 28))
        return {"name": rng.choice(_SURNAMES) + rng.choice(_GIVEN) + rng.choice(_GIVEN), "birth_date": birth,
                "gender": rng.choice("MF"), "education": rng.choice(["senior", "college", "bachelor", "bachelor"])}

    for n, name in enumerate(COMMUNITIES):
        org = orgs.get(name)
        if org is None:
            continue
        staff = secretaries.get(org.pk)
        people = list(Member.objects.filter(organization=org, birth_date__year__gte=1962,
                                            birth_date__year__lte=1994).order_by("pk")[1:6])
        if len(people) < 3:
            continue

        def post(body: str, position: str, member: Any = None, org: Any = org, staff: Any = staff,
                 **person: Any) -> LeadershipPost:
            return services.post_create(organization=org, body=body, position=position, member=member,
                                        term_starts_on=term, term_ends_on=dt.date(term.year + 5, 2, 28),
                                        by=staff, **person)

        secretary = post("party_committee", "secretary", people[0])
        # The organization's secretary (and the demo login's name) is the roster's 书记.
        Organization.objects.filter(pk=org.pk).update(secretary_name=people[0].name)
        if staff is not None:
            User.objects.filter(pk=staff.pk).update(display_name=people[0].name)
        deputy = post("party_committee", "deputy_secretary", people[1])
        committee = [post("party_committee", "member", m) for m in people[2:]]
        post("residents_committee", "director", people[0])  # 一肩挑: cross-held
        residents = [post("residents_committee", "deputy_director", **resident()),
                     post("residents_committee", "member", **resident()),
                     post("residents_committee", "member", **resident())]
        post("supervisory_committee", "director", **resident())
        supervisors = [post("supervisory_committee", "member", **resident())]

        for k, cadre in enumerate([secretary, deputy, *committee[:1], residents[0]]):
            target = _star_target(org, year) if cadre.is_secretary else None
            pledge = services.pledge_create(post=cadre, year=year, target_star=target, by=staff)
            texts = ([t % {"star": target} if "%" in t else t for t in _SECRETARY_ITEMS] if cadre.is_secretary
                     else [_ITEMS[(n + k) % 4], _ITEMS[(n + k + 1) % 4]])
            for text in texts:
                services.commitment_add(pledge=pledge, text=text, due_dates=[mid, dt.date(year, 12, 31)], by=staff)
            services.pledge_submit(pledge=pledge, by=staff)
            services.pledge_approve(pledge=pledge, by=street)
            for j, commitment in enumerate(pledge.commitments.order_by("pk")):
                checkpoint = commitment.checkpoints.order_by("due_on").first()
                if checkpoint is None:
                    continue
                if k == 3 and j == 0 and n < 2:  # 笛扬、柯亭: a residents' deputy director fell short
                    result, note = "not_kept", "上半年走访记录缺失，诉求未按期办结"
                elif k == 2 and j == 0 and not partly_done:
                    result, note = "partly", "部分小区尚未完成，已制定整改计划"
                    partly_done = True
                else:
                    result, note = "kept", ""
                services.checkpoint_record(checkpoint=checkpoint, result=result, note=note, on=mid, by=street)
                if result == "not_kept":
                    not_kept.append(checkpoint)

        if n == 1:  # 柯亭: the secretary proposes adjusting a residents' committee member
            services.adjustment_propose(post=residents[1], grounds=["poor_attitude", "strong_complaints"],
                                        evidence="多名居民反映其接待群众态度生硬，季度满意度测评低于60%",
                                        by_street=False, by=staff)
        if n == 3:  # 湖西: the street adjusted a supervisory committee member
            case = services.adjustment_propose(post=supervisors[0], grounds=["poor_performance"],
                                               evidence="连续两个季度未参加居务监督例会，监督台账缺失",
                                               by_street=True, by=street)
            services.adjustment_decide(case=case, adjust=True, reason="经街道党工委研究，予以调整",
                                       decided_on=mid, successor="由居务监督委员会另行推选", by=street)

    if not_kept:
        first = AccountabilityCase.objects.get(checkpoint=not_kept[-1])
        services.accountability_decide(case=first, form="reminder_talk", decision="由街道党工委分管领导进行提醒谈话",
                                       reason="承诺事项未按期兑现，情节较轻", decided_on=mid, by=street)
