"""Every write of the analysis meetings (研判): recording a meeting with its agenda, and its
decisions (escalate, assign, merge, other). Atomic, audited in the same transaction, errors in
Chinese.

Escalating (督办) and assigning (派遣) are steps of a case's closed loop: they go through the
cases part's `services_cases.case_step`, which checks the step and who takes it; the decision
is kept either way and says which cases the step could not be applied to. Merging duplicates
is the meeting's own decision, not a step of the loop: it sets `merged_into` here, audited.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from enum import StrEnum
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pingxing.core.audit import audit_record
from pingxing.core.http import actor_of
from pingxing.grid import cadence
from pingxing.grid.agenda import build_agenda
from pingxing.grid.models import Grid
from pingxing.grid.models_cases import ServiceCase
from pingxing.grid.models_meetings import DecisionKind, Meeting, MeetingDecision
from pingxing.grid.queries_meetings import Scope, agenda_facts, facts_of


class MeetingAction(StrEnum):
    RECORD = "grid_meeting"
    DECIDE = "grid_decision"
    MERGE = "grid_case_merge"


ACTION_LABELS = {
    MeetingAction.RECORD: gettext_lazy("记录网格研判"),
    MeetingAction.DECIDE: gettext_lazy("网格研判决定"),
    MeetingAction.MERGE: gettext_lazy("研判合并案件"),
}


# The values of models_meetings.DecisionKind (plain strings for the type checker).
ESCALATE, ASSIGN, MERGE, NOTE = "escalate", "assign", "merge", "note"


class MeetingError(Exception):
    """A refused write; the message is for the user."""


def _check_holder(scope: Scope, by: Any) -> None:
    if not cadence.can_hold_meeting(actor_of(by), facts_of(scope, by)):
        raise MeetingError(_("只有本层级的召集人可以记录研判会议。"))


def meeting_record(*, scope: Scope, period_start: dt.date, held_on: dt.date, place: str, attendees: str,
                   conclusions: str, by: Any, today: dt.date, request: Any = None) -> Meeting:
    """Record the meeting of `scope` for the period beginning `period_start`, with the agenda
    as generated now."""
    _check_holder(scope, by)
    if not cadence.is_period_start(scope.level, period_start):
        raise MeetingError(_("研判期不正确，请从研判列表进入。"))
    period = cadence.period_of(scope.level, period_start)
    if period.start > today:
        raise MeetingError(_("该研判期尚未开始。"))
    if held_on < period.start or held_on > today:
        raise MeetingError(_("召开日期应在研判期开始之后、今天或之前。"))
    attendees, conclusions = (attendees or "").strip(), (conclusions or "").strip()
    if not attendees:
        raise MeetingError(_("请填写参加人员。"))
    if not conclusions:
        raise MeetingError(_("请填写研判结论。"))
    agenda = build_agenda(agenda_facts(scope, period)).to_json()
    try:
        with transaction.atomic():
            meeting = Meeting.objects.create(
                level=scope.level.value, organization=scope.organization, grid=scope.grid,
                period_start=period.start, period_end=period.end, held_on=held_on, place=(place or "").strip()[:100],
                attendees=attendees[:2000], conclusions=conclusions[:10000], agenda=agenda, recorded_by=by)
            audit_record(action=MeetingAction.RECORD, user=by, obj=meeting, organization=scope.organization,
                         request=request, object_repr=f"{scope.name} {cadence.period_label(scope.level, period)}",
                         changes={"period_start": [None, period.start.isoformat()],
                                  "held_on": [None, held_on.isoformat()]})
    except IntegrityError:
        raise MeetingError(_("该研判期已经记录过会议。")) from None
    return meeting  # type: ignore[no-any-return]  # Django without stubs


def _apply_step(case: ServiceCase, action: str, *, by: Any, reason: str, data: dict[str, Any] | None,
                request: Any) -> str:
    """Take one step of the case's loop; "" when done, else why not (for the decision's note)."""
    from pingxing.grid.services_cases import CaseError, case_step

    try:
        with transaction.atomic():
            case_step(case=case, action=action, by=by, reason=reason, data=data, request=request)
    except CaseError as error:  # the loop's own refusal: its message is for the user
        return str(error)
    return ""


def _scoped_cases(scope: Scope, case_ids: Sequence[int]) -> list[ServiceCase]:
    ids = list(dict.fromkeys(int(i) for i in case_ids))
    cases = list(ServiceCase.objects.filter(scope.cases_q(), pk__in=ids).select_related("community"))
    if len(cases) != len(ids):
        raise MeetingError(_("所选案件不在本次研判的范围内。"))
    order = {pk: n for n, pk in enumerate(ids)}
    return sorted(cases, key=lambda c: order[c.pk])


def _grid_in_scope(scope: Scope, grid: Grid) -> bool:
    if scope.level is cadence.Level.STREET:
        return str(grid.community.path).startswith(scope.organization.path)
    return bool(grid.community_id == scope.organization.pk)


def decision_add(*, meeting: Meeting, scope: Scope, kind: str, text: str, case_ids: Sequence[int], by: Any,
                 grid: Grid | None = None, request: Any = None) -> tuple[MeetingDecision, list[str]]:
    """Add a decision to a meeting and carry it out: escalate (督办 each case), assign (派遣 each
    registered case to `grid`'s team), merge (the later cases into the first one), or a note.
    Returns the decision and, for each case a step could not be applied to, why not."""
    _check_holder(scope, by)
    if kind not in {str(v) for v in DecisionKind.values}:
        raise MeetingError(_("请选择决定类型。"))
    text = (text or "").strip()
    if not text:
        raise MeetingError(_("请填写决定内容。"))
    cases = _scoped_cases(scope, case_ids)
    if kind != NOTE and not cases:
        raise MeetingError(_("请选择决定涉及的案件。"))
    if kind == MERGE and len(cases) < 2:
        raise MeetingError(_("合并至少需要两个案件：第一个为主案件，其余并入。"))
    if kind == ASSIGN and grid is None:
        raise MeetingError(_("请选择承办的网格服务团队。"))
    if grid is not None and not _grid_in_scope(scope, grid):
        raise MeetingError(_("承办网格应在本次研判的范围内。"))
    notes: list[str] = []
    with transaction.atomic():
        decision = MeetingDecision.objects.create(meeting=meeting, kind=kind, text=text[:5000])
        decision.cases.set(cases)
        if kind == MERGE:
            _merge(cases, meeting=meeting, by=by, request=request)
        for case in cases if kind in (ESCALATE, ASSIGN) else ():
            if kind == ESCALATE:
                problem = _apply_step(case, "supervise", by=by, reason=text, data=None, request=request)
            elif case.state != "registered":
                problem = _("案件不在待派遣状态")
            else:
                assert grid is not None
                problem = _apply_step(case, "dispatch", by=by, reason=text, request=request,
                                      data={"to_kind": "team", "to": str(grid.pk)})
            if problem:
                notes.append(f"{case.number}：{problem}")
        audit_record(action=MeetingAction.DECIDE, user=by, obj=decision, organization=meeting.organization,
                     request=request, object_repr=f"{decision.get_kind_display()} {meeting}",
                     changes={"kind": [None, kind], "cases": [None, [c.number for c in cases]],
                              **({"not_applied": [None, notes]} if notes else {})})
    return decision, notes


def _merge(cases: list[ServiceCase], *, meeting: Meeting, by: Any, request: Any) -> None:
    main, duplicates = cases[0], cases[1:]
    if main.merged_into_id is not None:
        raise MeetingError(_("主案件 %(n)s 已并入其他案件。") % {"n": main.number})
    for case in duplicates:
        if case.merged_into_id is not None:
            raise MeetingError(_("案件 %(n)s 已并入其他案件。") % {"n": case.number})
    locked = {c.pk: c for c in ServiceCase.objects.select_for_update().filter(pk__in=[c.pk for c in cases])}
    if any(locked[c.pk].merged_into_id is not None for c in cases):
        raise MeetingError(_("案件的合并情况已变化，请刷新页面。"))
    for case in duplicates:
        ServiceCase.objects.filter(pk=case.pk).update(merged_into=main, updated_at=timezone.now())
        case.merged_into = main
        audit_record(action=MeetingAction.MERGE, user=by, obj=case, organization=case.community, request=request,
                     object_repr=f"{case.number} → {main.number}",
                     changes={"merged_into": [None, main.number], "meeting": [None, meeting.pk]})
