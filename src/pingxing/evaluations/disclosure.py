"""The 五亮 public page of an organization's democratic evaluation: what it shows and its
versioned snapshots.

亮标准 the five grades, the proposal rules in words and the negative-conduct checklist in force;
亮承诺 a pointer to the members' pledges; 亮程序 the steps and their dates; 亮结果 each member's
FINAL grade, only once the organization has confirmed and published them — never a count of
votes for a person, never a proposal; 亮奖惩 the members commended (优秀) and where handling
outcomes appear.

The building functions take plain values (`standards`, `procedure`, `results`, `rewards`) and
return JSON-ready dicts, so the content is tested without a database; `disclosure_publish`
stores the content as a new version only when it differs from the newest one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pingxing.core.audit import audit_record
from pingxing.evaluations.actions import EvaluationAction
from pingxing.evaluations.disclosure_models import Disclosure
from pingxing.evaluations.models import Evaluation, EvaluationState
from pingxing.evaluations.proposal import GRADE_TEXT, GRADES, Grade, Rules, parse_rules
from pingxing.evaluations.subjects import Subject

STATE_ORDER: list[str] = list(EvaluationState.values)
PLEDGES_TEXT = "党员先锋承诺（姓名与承诺内容）在本组织承诺公开页公开"


class DisclosureError(Exception):
    """A publication that cannot be made; the message says why, in Chinese."""


# --- the sections, from plain values (pure) ---------------------------------------------------

def standards(rules: Rules, *, min_ballots: int) -> dict[str, Any]:
    """亮标准: the grades, each proposal rule in words, the default, the cap and the checklist."""
    joined = {"any": _("符合下列情形之一"), "all": _("同时符合下列情形")}
    return {
        "title": rules.title,
        "version": rules.version,
        "grades": [GRADE_TEXT[g] for g in GRADES],
        "rules": [{"grade": GRADE_TEXT[r.grade], "reason": r.reason, "joined": joined[r.mode],
                   "conditions": [c.describe() for c in r.conditions]} for r in rules.rules],
        "default": {"grade": GRADE_TEXT[rules.default_grade], "reason": rules.default_reason},
        "cap": (_("评为“优秀”的不超过参评党员的%(share)s") % {"share": f"{round(rules.excellent_cap * 100, 1):g}%"}
                if rules.excellent_cap is not None else ""),
        "min_ballots": min_ballots,
        "conduct": [c.text for c in rules.conduct],
    }


@dataclass(frozen=True)
class Dates:
    """The dates of an evaluation's steps, as plain values."""

    state: str
    created_on: dt.date | None = None
    self_until: dt.date | None = None
    opens_at: dt.datetime | None = None
    closes_at: dt.datetime | None = None
    closed_at: dt.datetime | None = None
    tallied_at: dt.datetime | None = None
    assessed_on: dt.date | None = None
    assessed_by: str = ""
    published_at: dt.datetime | None = None


def _day(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return f"{value.year}年{value.month}月{value.day}日"


def procedure(dates: Dates) -> list[dict[str, Any]]:
    """亮程序: every step with its date(s) and whether it is done."""
    reached = STATE_ORDER.index(dates.state) if dates.state in STATE_ORDER else 0
    ballot_end = dates.closed_at or dates.closes_at
    ballot = _day(dates.opens_at) + (f"至{_day(ballot_end)}" if ballot_end and _day(ballot_end) != _day(dates.opens_at)
                                     else "")
    steps = [
        (_("准备：确定参评党员名单，登记党外群众代表"), _day(dates.created_on), True),
        (_("个人自评"), _("%(day)s前") % {"day": _day(dates.self_until)} if dates.self_until else "", reached >= 1),
        (_("民主测评：党员测评、党外群众代表测评（无记名）"), ballot, reached >= 2),
        (_("测评结束、计票"), _day(dates.tallied_at or dates.closed_at), dates.tallied_at is not None),
        (_("组织评定"), " ".join(x for x in (_day(dates.assessed_on), dates.assessed_by) if x), reached >= 4),
        (_("公布评议结果"), _day(dates.published_at), reached >= 5),
        (_("组织处置：对基本不合格、不合格党员按规定处置"), "", False),
    ]
    return [{"step": step, "date": date, "done": done} for step, date, done in steps]


def results(grades: Sequence[tuple[str, str]] | None, *, excused: int) -> dict[str, Any]:
    """亮结果: (name, grade value) of every member graded — None while not confirmed. Only the
    final grades and how many hold each grade; no vote counts, no proposals."""
    if grades is None:
        return {"published": False, "entries": [], "distribution": [], "excused": 0}
    distribution = dict.fromkeys(GRADES, 0)
    for _name, grade in grades:
        distribution[Grade(grade)] += 1
    return {
        "published": True,
        "entries": [{"name": name, "grade": GRADE_TEXT[Grade(grade)]} for name, grade in grades],
        "distribution": [{"grade": GRADE_TEXT[g], "count": n} for g, n in distribution.items()],
        "excused": excused,
    }


def rewards(grades: Sequence[tuple[str, str]] | None,
            outcomes: Sequence[tuple[str, str]] = ()) -> dict[str, Any]:
    """亮奖惩: those graded 优秀 are commended; handling outcomes — (name, outcome worded as
    approved) — appear once approved."""
    commended = [name for name, grade in grades or () if grade == Grade.EXCELLENT]
    return {
        "published": grades is not None,
        "commended": commended,
        "outcomes": [{"name": name, "text": text} for name, text in outcomes],
        "handling": _("对评定为“基本不合格”“不合格”的党员，党组织按照党章和党支部工作条例进行组织处置，"
                      "处置结果经批准后在此公布。组织处置不是党纪处分。"),
    }


def build_content(*, org_id: int, org_name: str, year: int, rules: Rules, min_ballots: int, dates: Dates,
                  grades: Sequence[tuple[str, str]] | None, excused: int, evaluation_id: int | None = None,
                  outcomes: Sequence[tuple[str, str]] = ()) -> dict[str, Any]:
    """The whole 五亮 content, JSON-ready: what a snapshot stores and the page shows."""
    closed = dates.state in STATE_ORDER[STATE_ORDER.index(str(EvaluationState.CLOSED)):]
    return {
        "organization": {"id": org_id, "name": org_name},
        "evaluation": {"id": evaluation_id, "closed": closed},
        "year": year,
        "standards": standards(rules, min_ballots=min_ballots),
        "pledges": {"text": PLEDGES_TEXT},
        "procedure": procedure(dates),
        "results": results(grades, excused=excused),
        "rewards": rewards(grades, outcomes),
    }


# --- from the database -----------------------------------------------------------------------

def dates_of(evaluation: Evaluation) -> Dates:
    return Dates(
        state=evaluation.state, created_on=timezone.localtime(evaluation.created_at).date(),
        self_until=evaluation.self_assessment_until, opens_at=evaluation.ballot_opens_at,
        closes_at=evaluation.ballot_closes_at, closed_at=evaluation.closed_at, tallied_at=evaluation.tallied_at,
        assessed_on=evaluation.assessed_on, assessed_by=evaluation.assessed_by_body,
        published_at=evaluation.published_at,
    )


def approved_outcomes(evaluation: Evaluation) -> list[tuple[str, str]]:
    """Handling outcomes as the organization recorded them, for steps the level above approved:
    (member, "限期改正：已改正（通过）（柯桥街道党工委 2026-12-01 批准）")."""
    from pingxing.evaluations.handling_models import HandlingStep

    steps = (HandlingStep.objects.filter(case__entry__evaluation=evaluation, approved_on__isnull=False)
             .exclude(outcome="").select_related("case__entry__member").order_by("case__entry__member__name", "pk"))
    return [(s.case.entry.member.name,
             f"{s.get_kind_display()}：{s.get_outcome_display()}（{s.approved_by_body} {s.approved_on:%Y-%m-%d} 批准）")
            for s in steps]


def disclosure_content(evaluation: Evaluation) -> dict[str, Any]:
    """The 五亮 content of an evaluation as it stands: the results only once published."""
    grades = None
    excused = 0
    outcomes: list[tuple[str, str]] = []
    if evaluation.state == EvaluationState.PUBLISHED:
        roll = evaluation.roll.select_related("member").order_by("member__name", "pk")
        grades = [(e.member.name, e.final_grade) for e in roll if not e.excused and e.final_grade]
        excused = sum(1 for e in roll if e.excused)
        outcomes = approved_outcomes(evaluation)
    return build_content(
        org_id=evaluation.organization_id, org_name=evaluation.organization.name, year=evaluation.year,
        rules=parse_rules(evaluation.rules_source), min_ballots=evaluation.min_ballots, dates=dates_of(evaluation),
        grades=grades, excused=excused, evaluation_id=evaluation.pk, outcomes=outcomes,
    )


def disclosure_publish(*, evaluation: Evaluation, by: Any, request: Any = None) -> Disclosure:
    """Snapshot the 五亮 content of a published evaluation as the organization's next version;
    the same content published again keeps its version (nothing new to show)."""
    if evaluation.state != EvaluationState.PUBLISHED or evaluation.subject != Subject.MEMBERS:
        raise DisclosureError(_("评议结果公布后才能更新五亮公开内容。"))
    content = disclosure_content(evaluation)
    from pingxing.orgs.models import Organization

    with transaction.atomic():
        # The organization's row serializes its versions (two publications at once get 1 and 2).
        Organization.objects.select_for_update().filter(pk=evaluation.organization_id).first()
        latest = Disclosure.objects.filter(organization_id=evaluation.organization_id).order_by("-version").first()
        if latest is not None and latest.evaluation_id == evaluation.pk and latest.content == content:
            kept: Disclosure = latest
            return kept
        disclosure: Disclosure = Disclosure.objects.create(
            organization_id=evaluation.organization_id, evaluation=evaluation, content=content,
            version=(latest.version + 1) if latest else 1, published_at=timezone.now(),
            published_by=by if getattr(by, "pk", None) else None)
        audit_record(action=EvaluationAction.PUBLISH, user=by, obj=disclosure, organization=evaluation.organization,
                     changes={"disclosure_version": [latest.version if latest else None, disclosure.version]},
                     request=request)
    return disclosure


@dataclass(frozen=True)
class PublicPage:
    """What the 五亮 page of an organization shows: the newest snapshot (or the one asked
    for) — or, while the newest evaluation has none yet, that evaluation as it stands (its
    results stay hidden until published)."""

    snapshot: Disclosure | None
    current: dict[str, Any] | None
    versions: list[tuple[int, int, dt.datetime]]  # (version, year, published_at), newest first
    evaluation: Evaluation | None = None  # the members' evaluation shown (for other apps' panels)

    @property
    def content(self) -> dict[str, Any]:
        if self.current is not None:
            return self.current
        assert self.snapshot is not None
        return dict(self.snapshot.content)


def public_page(org_id: int, *, version: int | None = None) -> PublicPage | None:
    """The page of an organization, or None when there is nothing to show (no such
    organization, no evaluation, or no such version; an id that cannot be one is none)."""
    from pingxing.core.access import MAX_ID

    if not 0 < org_id <= MAX_ID or (version is not None and not 0 < version <= MAX_ID):
        return None
    disclosures = Disclosure.objects.filter(organization_id=org_id).select_related("evaluation")
    versions = [(d.version, d.evaluation.year, d.published_at) for d in disclosures.order_by("-version")]
    snapshot = disclosures.filter(version=version).first() if version else disclosures.order_by("-version").first()
    if version and snapshot is None:
        return None
    # Members' evaluations only: an evaluation of the leadership has no 五亮 page.
    newest = (Evaluation.objects.filter(organization_id=org_id, subject=Subject.MEMBERS).select_related("organization")
              .order_by("-year").first())
    current = None
    if newest is not None and version is None and (snapshot is None or newest.year > snapshot.evaluation.year):
        current = disclosure_content(newest)
    if snapshot is None and current is None:
        return None
    shown = newest if current is not None else (snapshot.evaluation if snapshot is not None else None)
    return PublicPage(snapshot=snapshot, current=current, versions=versions, evaluation=shown)
