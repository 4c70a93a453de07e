"""Demo data of the democratic evaluation (民主评议党员): this year's evaluations of five 柯桥
communities at different steps, made through the real services (so every step is audited and
every ballot is secret like any other):

- 笛扬社区 — balloting: representatives registered, codes handed out, a few mass
  representatives' ballots cast; the demo member (member_diyang) can still vote, and the demo
  secretary can print new codes;
- 柯亭社区 — closed, tallied, graded and published (its 五亮 page shows the results);
- 湖西社区 — published, with one member graded 不合格 (for organizational handling);
- 瓜渚社区 — self-assessment under way; 大渡社区 — in preparation;
- 笛扬社区 also — this year's evaluation of its leadership (民主评议班子成员), tallied and
  published: four committee members (the first members by id; the cadres demo puts them on its
  roster), graded 满意/基本满意/不满意 by the demo member, six other members and five residents'
  representatives.

Deterministic for a given seed: the ballots' marks come from random.Random(seed); receipts and
codes are random like in real use.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets
from collections.abc import Mapping, Sequence
from typing import Any

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from pingxing.evaluations import services
from pingxing.evaluations.casting import ballot_cast_by_code, ballot_cast_by_member
from pingxing.evaluations.disclosure import disclosure_publish
from pingxing.evaluations.models import Evaluation, RollEntry

# How voters tend to grade an ordinary member, a well-known one and one who has drifted away.
_ORDINARY = {"excellent": 30, "qualified": 64, "basically_qualified": 5, "basically_unqualified": 1}
_STAR = {"excellent": 85, "qualified": 15}
_WEAK_MEMBERS = {"qualified": 25, "basically_qualified": 30, "basically_unqualified": 30, "unqualified": 15}
_WEAK_MASSES = {"qualified": 15, "basically_qualified": 10, "basically_unqualified": 40, "unqualified": 35}
_SUMMARY = ("本年度按时参加“三会一课”和主题党日活动，按期交纳党费；参与社区志愿服务和邻里调解，"
            "今后将进一步加强理论学习，发挥先锋模范作用。")


def load_evaluations(*, today: dt.date | None = None, seed: int = 2010) -> None:
    """This year's evaluations of the demo communities; nothing when they exist already."""
    from pingxing.accounts.models import User
    from pingxing.orgs.models import Organization

    today = today or timezone.localdate()
    if Evaluation.objects.filter(year=today.year).exists():
        return
    rng = random.Random(seed)
    orgs = {o.name: o for o in Organization.objects.filter(
        name__in=["笛扬社区党总支", "柯亭社区党支部", "湖西社区党支部", "瓜渚社区党总支", "大渡社区党支部"])}
    if len(orgs) < 5:
        return
    secretaries = {u.organization_id: u for u in User.objects.filter(role="secretary").order_by("-pk")}
    year = today.year

    _prepared(orgs["大渡社区党支部"], secretaries, year)
    _self_assessing(orgs["瓜渚社区党总支"], secretaries, year)
    _balloting(orgs["笛扬社区党总支"], secretaries, year, rng)
    _published(orgs["柯亭社区党支部"], secretaries, year, rng, today, voters=30, masses=8)
    _published(orgs["湖西社区党支部"], secretaries, year, rng, today, voters=20, masses=7, weak=True)
    _leadership(orgs["笛扬社区党总支"], secretaries, year, rng)


def _prepared(org: Any, secretaries: Mapping[int, Any], year: int) -> Evaluation:
    return services.evaluation_create(organization=org, year=year, by=secretaries[org.pk])


def _self_assessing(org: Any, secretaries: Mapping[int, Any], year: int) -> Evaluation:
    by = secretaries[org.pk]
    evaluation = services.evaluation_create(organization=org, year=year, by=by)
    evaluation = services.evaluation_advance(evaluation=evaluation, by=by,
                                             self_until=timezone.localdate() + dt.timedelta(days=10))
    for entry in list(evaluation.roll.order_by("pk"))[:12]:
        services.self_assessment_submit(entry=entry, text=_SUMMARY, by=by)
    return evaluation


def _marks(entries: Sequence[RollEntry], rng: random.Random, *, profiles: Mapping[int, Mapping[str, int]],
           except_member_id: int | None = None, weak_conduct: int | None = None) -> dict[str, Any]:
    marks = {}
    for entry in entries:
        if entry.member_id == except_member_id:
            continue
        weights = profiles.get(entry.pk, _ORDINARY)
        grade = rng.choices(list(weights), weights=list(weights.values()))[0]
        conduct = ["absent"] if entry.pk == weak_conduct and rng.random() < 0.6 else []
        marks[str(entry.pk)] = {"g": grade, "c": conduct}
    return marks


def _voter_accounts(org: Any, entries: Sequence[RollEntry], count: int) -> list[Any]:
    """Accounts of the members who vote online (no password: the demo logs in as them only
    through member_diyang)."""
    from pingxing.accounts.models import User

    unusable = make_password(None)
    users = [User(username=f"member_{org.code.lower()}_{i:02d}", role="member", organization=org,
                  member_id=e.member_id, display_name=e.member.name, password=unusable)
             for i, e in enumerate(entries[:count], start=1)]
    User.objects.bulk_create(users)
    return list(User.objects.filter(username__in=[u.username for u in users]).order_by("username"))


# How members and residents tend to judge a committee member.
_LEADER = {"satisfied": 70, "basically_satisfied": 25, "dissatisfied": 5}


def _leadership(org: Any, secretaries: Mapping[int, Any], year: int, rng: random.Random) -> Evaluation:
    """The leadership's evaluation, cast through the real services and published; the demo
    member (the first member, on the roll) has voted, not grading themselves."""
    from pingxing.accounts.models import User
    from pingxing.members.models import Member

    by = secretaries[org.pk]
    members = list(Member.objects.filter(organization=org).order_by("pk")[:11])
    evaluation = services.leadership_evaluation_create(organization=org, year=year, by=by,
                                                       member_ids=[m.pk for m in members[:4]])
    services.representative_add(evaluation=evaluation, name="沈国强", note="居民代表", by=by)
    evaluation = services.evaluation_advance(evaluation=evaluation, by=by)
    entries = list(evaluation.roll.select_related("member").order_by("pk"))
    unusable = make_password(None)
    accounts = [User(username=f"member_{org.code.lower()}_v{i:02d}", role="member", organization=org,
                     member=m, display_name=m.name, password=unusable)
                for i, m in enumerate(members[5:11], start=1) if not User.objects.filter(member=m).exists()]
    User.objects.bulk_create(accounts)
    voters = list(User.objects.filter(member__in=[members[0], *members[5:11]]).order_by("pk"))
    for account in voters:
        ballot_cast_by_member(evaluation=evaluation, user=account, request_key=secrets.token_urlsafe(16),
                              marks=_marks(entries, rng, profiles={e.pk: _LEADER for e in entries},
                                           except_member_id=account.member_id))
    for code in services.codes_issue(evaluation=evaluation, count_=5, by=by):
        ballot_cast_by_code(code=code, request_key=secrets.token_urlsafe(16),
                            marks=_marks(entries, rng, profiles={e.pk: _LEADER for e in entries}))
    evaluation = services.evaluation_advance(evaluation=evaluation, by=by)
    evaluation = services.evaluation_tally(evaluation=evaluation, by=by)
    return services.evaluation_publish(evaluation=evaluation, by=by)


def _balloting(org: Any, secretaries: Mapping[int, Any], year: int, rng: random.Random) -> Evaluation:
    by = secretaries[org.pk]
    evaluation = services.evaluation_create(organization=org, year=year, by=by)
    for name, note in (("沈国强", "居民代表"), ("钱美华", "楼道长"), ("陆建明", "辖区单位代表")):
        services.representative_add(evaluation=evaluation, name=name, note=note, by=by)
    evaluation = services.evaluation_advance(evaluation=evaluation, by=by)
    for entry in list(evaluation.roll.order_by("pk"))[:20]:
        services.self_assessment_submit(entry=entry, text=_SUMMARY, by=by)
    evaluation = services.evaluation_advance(evaluation=evaluation, by=by,
                                             closes_at=timezone.now() + dt.timedelta(days=7))
    entries = list(evaluation.roll.filter(excused=False).select_related("member").order_by("pk"))
    codes = services.codes_issue(evaluation=evaluation, count_=12, by=by)
    for code in codes[:6]:
        ballot_cast_by_code(code=code, request_key=secrets.token_urlsafe(16),
                            marks=_marks(entries, rng, profiles={}))
    return evaluation


def _published(org: Any, secretaries: Mapping[int, Any], year: int, rng: random.Random, today: dt.date, *,
               voters: int, masses: int, weak: bool = False) -> Evaluation:
    by = secretaries[org.pk]
    evaluation = services.evaluation_create(organization=org, year=year, by=by)
    # One member abroad for the year is excused from the count.
    services.entry_excuse(entry=evaluation.roll.order_by("-pk")[0], reason="abroad", by=by)
    evaluation = services.evaluation_advance(evaluation=evaluation, by=by)
    entries = list(evaluation.roll.filter(excused=False).select_related("member", "evaluation").order_by("pk"))
    for entry in entries[:voters]:
        services.self_assessment_submit(entry=entry, text=_SUMMARY, by=by)
    evaluation = services.evaluation_advance(evaluation=evaluation, by=by)
    stars = {e.pk: _STAR for e in entries[1:4]}
    weak_entry = entries[5] if weak else None
    members_profiles = {**stars, **({weak_entry.pk: _WEAK_MEMBERS} if weak_entry else {})}
    masses_profiles = {**stars, **({weak_entry.pk: _WEAK_MASSES} if weak_entry else {})}
    for account in _voter_accounts(org, entries, voters):
        ballot_cast_by_member(evaluation=evaluation, user=account, request_key=secrets.token_urlsafe(16),
                              marks=_marks(entries, rng, profiles=members_profiles, except_member_id=account.member_id,
                                           weak_conduct=weak_entry.pk if weak_entry else None))
    for code in services.codes_issue(evaluation=evaluation, count_=masses, by=by):
        ballot_cast_by_code(code=code, request_key=secrets.token_urlsafe(16),
                            marks=_marks(entries, rng, profiles=masses_profiles))
    evaluation = services.evaluation_advance(evaluation=evaluation, by=by)
    evaluation = services.evaluation_tally(evaluation=evaluation, by=by)
    graded = list(evaluation.roll.filter(excused=False).order_by("pk"))
    grades = {e.pk: (e.proposed_grade, "") for e in graded}
    if weak_entry is not None:
        # The committee confirms the proposal for the member who drifted away (handling follows).
        proposed = grades[weak_entry.pk][0]
        grades[weak_entry.pk] = ("unqualified", "" if proposed == "unqualified" else "长期不参加组织生活，经研究评定为不合格")
    services.grades_record(evaluation=evaluation, grades=grades, body="党员大会", on=today, by=by)
    evaluation = services.evaluation_publish(evaluation=evaluation, by=by)
    disclosure_publish(evaluation=evaluation, by=by)
    if weak_entry is not None:
        _handling_started(evaluation.roll.get(pk=weak_entry.pk), by=by, today=today)
    return evaluation


def _handling_started(entry: RollEntry, *, by: Any, today: dt.date) -> None:
    """The 不合格 member's handling under way: the committee's draft of 限期改正, pre-reviewed by
    the street; the branch meeting is next."""
    from pingxing.accounts.models import User
    from pingxing.evaluations import handling

    street_user = User.objects.filter(role="street", organization_id=entry.evaluation.organization.parent_id).first()
    case = handling.case_open(entry=entry, by=by)
    step = case.steps.get()
    from django.utils import timezone

    drafted = min(today, timezone.localdate())  # a demo of another day never drafts in the future
    step = handling.step_draft(step=step, drafted_on=drafted, due_on=drafted + dt.timedelta(days=90), by=by,
                               text="经支委会研究，对该同志限期三个月改正，由支部书记负责谈心谈话、跟踪帮助。")
    if street_user is not None:
        handling.step_prereview(step=step, passed=True, note="同意支部意见，按程序提交党员大会表决。", by=street_user)
