"""The steps of a service case (办事档案, seed 四.3) as data, and the pure functions over them.

A closed loop after GB/T 30428.8 (立案、处置和结案) and 12345 hotlines. No Django import:
`grid.services` stores `CaseFacts` and each `TimelineEntry` under a row lock; tests walk the
table without a database.

    received 受理 ──register──▶ registered 立案 ──dispatch──▶ dispatched 派遣 ──acknowledge──▶ handling 处置
        │  │                      ▲                              │ refuse (receiver, within the window, reason)
        │  │                      └──────────────────────────────┘
        │  └─decline (reason)──▶ not_registered 不予立案 (final)
        └──self_handle (grid worker, simple category)──▶ handling
    handling ──feed_back──▶ fed_back 反馈 ──check_pass──▶ checked 核查 ──close──▶ closed 结案
    fed_back ──check_fail (reason)──▶ handling
    fed_back ──close──▶ closed            only a self-handled case never reopened nor failed (自办自结)
    closed ──follow_up satisfied / basically satisfied──▶ followed_up 回访 (final)
    closed ──follow_up dissatisfied (reason)──▶ handling  (reopened: same handler, a fresh period)

Steps that record without moving the state: ask_extension (handler, while handling,
on or before the deadline; one pending at a time, lapsing when the handler feeds back),
grant_extension / deny_extension (dispatcher), supervise 督办 (on an overdue case whose
clock runs: registered to checked).

Decisions: a dissatisfied follow-up goes back to *handling* with the same handler, not to
dispatch — the handler knows the case and the resident's complaint is about its result; a
dispatcher who wants another handler can supervise and talk to them, and the reopened case
must pass the check before closing (no second 自办自结). A reopened case gets a fresh period of
the category's time limit from the reopening date (重办时限); otherwise the deadline only
moves by approved extensions. The receiver may refuse only before acknowledging and within
the window (clock hours from the dispatch, from the catalogue; 0 hours: no refusing);
acknowledging commits them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any, Literal

from pingxing.grid.catalogue import Category
from pingxing.grid.clock import Light, WorkCalendar, local_date

MAX_EXTENSION_DAYS = 30  # one request adds at most this many working days


class CaseState(StrEnum):
    RECEIVED = "received"
    REGISTERED = "registered"
    NOT_REGISTERED = "not_registered"
    DISPATCHED = "dispatched"
    HANDLING = "handling"
    FED_BACK = "fed_back"
    CHECKED = "checked"
    CLOSED = "closed"
    FOLLOWED_UP = "followed_up"


S = CaseState
FINAL_STATES = frozenset({S.NOT_REGISTERED, S.FOLLOWED_UP})  # no step leaves them
DONE_STATES = frozenset({S.NOT_REGISTERED, S.CLOSED, S.FOLLOWED_UP})  # Open311 "closed"
# The clock runs: the case has a deadline, can be overdue and supervised.
TIMED_STATES = frozenset({S.REGISTERED, S.DISPATCHED, S.HANDLING, S.FED_BACK, S.CHECKED})


class Role(StrEnum):
    """The part a user plays on a case (services map accounts roles onto these)."""

    GRID_WORKER = "grid_worker"  # 网格员
    TEAM_LEADER = "team_leader"  # 网格长 / 组团长
    DISPATCHER = "dispatcher"  # 街道 / 社区受理派遣员
    HANDLER = "handler"  # the receiver of the dispatch
    CHECKER = "checker"  # 核查员
    RESIDENT = "resident"  # only answers the follow-up, via the case's public code


class Action(StrEnum):
    REGISTER = "register"
    DECLINE = "decline"
    SELF_HANDLE = "self_handle"
    DISPATCH = "dispatch"
    REFUSE = "refuse"
    ACKNOWLEDGE = "acknowledge"
    FEED_BACK = "feed_back"
    CHECK_PASS = "check_pass"
    CHECK_FAIL = "check_fail"
    CLOSE = "close"
    FOLLOW_UP = "follow_up"
    ASK_EXTENSION = "ask_extension"
    GRANT_EXTENSION = "grant_extension"
    DENY_EXTENSION = "deny_extension"
    SUPERVISE = "supervise"


class Satisfaction(StrEnum):
    SATISFIED = "satisfied"
    BASICALLY_SATISFIED = "basically"  # short: the stored answer fits the model's 12 characters
    DISSATISFIED = "dissatisfied"


class AssigneeKind(StrEnum):
    TEAM = "team"
    PERSON = "person"
    DEPARTMENT = "department"


STATE_TEXT = {
    S.RECEIVED: "已受理", S.REGISTERED: "已立案，待派遣", S.NOT_REGISTERED: "不予立案",
    S.DISPATCHED: "已派遣，待签收", S.HANDLING: "处置中", S.FED_BACK: "已反馈，待核查",
    S.CHECKED: "已核查，待结案", S.CLOSED: "已结案，待回访", S.FOLLOWED_UP: "已回访",
}
ROLE_TEXT = {
    Role.GRID_WORKER: "网格员", Role.TEAM_LEADER: "网格长", Role.DISPATCHER: "受理派遣员",
    Role.HANDLER: "承办人", Role.CHECKER: "核查员", Role.RESIDENT: "群众",
}
ACTION_TEXT = {
    Action.REGISTER: "立案", Action.DECLINE: "不予立案", Action.SELF_HANDLE: "自办自结",
    Action.DISPATCH: "派遣", Action.REFUSE: "退回派遣", Action.ACKNOWLEDGE: "签收",
    Action.FEED_BACK: "反馈处置结果", Action.CHECK_PASS: "核查通过", Action.CHECK_FAIL: "核查不通过",
    Action.CLOSE: "结案", Action.FOLLOW_UP: "回访", Action.ASK_EXTENSION: "申请延期",
    Action.GRANT_EXTENSION: "批准延期", Action.DENY_EXTENSION: "不批准延期", Action.SUPERVISE: "督办",
}
SATISFACTION_TEXT = {
    Satisfaction.SATISFIED: "满意", Satisfaction.BASICALLY_SATISFIED: "基本满意",
    Satisfaction.DISSATISFIED: "不满意",
}
ASSIGNEE_KIND_TEXT = {AssigneeKind.TEAM: "网格服务团队", AssigneeKind.PERSON: "个人",
                      AssigneeKind.DEPARTMENT: "职能部门"}


class StepRefused(Exception):
    """A step that is not allowed now; the message is for the user (zh-hans)."""


@dataclass(frozen=True)
class Step:
    action: Action
    roles: frozenset[Role]
    from_states: frozenset[CaseState]
    to_state: CaseState | None  # None: the state stays (the step is a record on the timeline)
    needs_reason: bool = False


def _step(action: Action, roles: set[Role], from_states: set[CaseState], to_state: CaseState | None,
          needs_reason: bool = False) -> Step:
    return Step(action, frozenset(roles), frozenset(from_states), to_state, needs_reason)


R, A = Role, Action
STEPS: dict[Action, Step] = {s.action: s for s in (
    _step(A.REGISTER, {R.DISPATCHER}, {S.RECEIVED}, S.REGISTERED),
    _step(A.DECLINE, {R.DISPATCHER}, {S.RECEIVED}, S.NOT_REGISTERED, needs_reason=True),
    _step(A.SELF_HANDLE, {R.GRID_WORKER}, {S.RECEIVED}, S.HANDLING),
    _step(A.DISPATCH, {R.DISPATCHER, R.TEAM_LEADER}, {S.REGISTERED}, S.DISPATCHED),
    _step(A.REFUSE, {R.HANDLER}, {S.DISPATCHED}, S.REGISTERED, needs_reason=True),
    _step(A.ACKNOWLEDGE, {R.HANDLER}, {S.DISPATCHED}, S.HANDLING),
    # The reason of a feed-back is the handler's account of what was done (处置情况).
    _step(A.FEED_BACK, {R.HANDLER, R.GRID_WORKER}, {S.HANDLING}, S.FED_BACK, needs_reason=True),
    _step(A.CHECK_PASS, {R.CHECKER}, {S.FED_BACK}, S.CHECKED),
    _step(A.CHECK_FAIL, {R.CHECKER}, {S.FED_BACK}, S.HANDLING, needs_reason=True),
    _step(A.CLOSE, {R.DISPATCHER, R.TEAM_LEADER, R.GRID_WORKER}, {S.FED_BACK, S.CHECKED}, S.CLOSED),
    # to_state for a satisfied answer; a dissatisfied one reopens (see _follow_up).
    _step(A.FOLLOW_UP, {R.RESIDENT, R.DISPATCHER}, {S.CLOSED}, S.FOLLOWED_UP),
    _step(A.ASK_EXTENSION, {R.HANDLER, R.GRID_WORKER}, {S.HANDLING}, None, needs_reason=True),
    _step(A.GRANT_EXTENSION, {R.DISPATCHER}, {S.HANDLING}, None),
    _step(A.DENY_EXTENSION, {R.DISPATCHER}, {S.HANDLING}, None, needs_reason=True),
    _step(A.SUPERVISE, {R.DISPATCHER, R.TEAM_LEADER}, set(TIMED_STATES), None, needs_reason=True),
)}


@dataclass(frozen=True)
class Extension:
    """One request for more time (延期申请); `approved` is None while pending or if it lapsed."""

    days: int
    reason: str
    requested_at: datetime
    approved: bool | None = None
    decided_at: datetime | None = None


@dataclass(frozen=True)
class CaseFacts:
    state: CaseState
    category: str  # the catalogue code; the three figures below are copied from it on receipt
    time_limit_days: int
    simple: bool
    refuse_window_hours: int
    received_at: datetime
    updated_at: datetime  # the time of the last step; a later step may not be earlier
    registered_at: datetime | None = None
    started_on: date | None = None  # first day of the running period (registration or reopening)
    deadline: date | None = None
    self_handled: bool = False
    assignee_kind: AssigneeKind | None = None
    assignee: str = ""  # the id or name the service stored for the team, person or department
    dispatched_at: datetime | None = None
    refuse_until: datetime | None = None
    pending_extension: Extension | None = None
    extensions: tuple[Extension, ...] = ()  # decided (or lapsed) requests, oldest first
    reopen_count: int = 0
    check_failures: int = 0
    supervised: int = 0  # times supervised (督办)
    satisfaction: Satisfaction | None = None  # the last follow-up answer
    closed_at: datetime | None = None


@dataclass(frozen=True)
class TimelineEntry:
    action: Action
    from_state: CaseState
    to_state: CaseState
    actor_role: Role
    at: datetime
    reason: str = ""
    data: Mapping[str, Any] = field(default_factory=dict)  # JSON-friendly: str, int, bool


def new_case(category: Category, *, at: datetime) -> CaseFacts:
    """A case just received (受理), with the category's figures copied onto it."""
    local_date(at)  # refuses a naive datetime
    return CaseFacts(state=S.RECEIVED, category=category.code, time_limit_days=category.time_limit_days,
                     simple=category.simple, refuse_window_hours=category.refuse_window_hours,
                     received_at=at, updated_at=at)


def open311_status(state: str) -> Literal["open", "closed"]:
    return "closed" if state in DONE_STATES else "open"


def is_overdue(case: CaseFacts, now: datetime) -> bool:
    """Past the deadline while the clock runs (a closed case is judged by its closing date)."""
    return case.state in TIMED_STATES and case.deadline is not None and local_date(now) > case.deadline


def case_light(case: CaseFacts, now: datetime, *, calendar: WorkCalendar | None = None) -> Light | None:
    """The warning light of a running case; None when its clock does not run."""
    if case.state not in TIMED_STATES or case.deadline is None or case.started_on is None:
        return None
    return (calendar or WorkCalendar()).warning_light(local_date(now), case.deadline, case.started_on)


def check_skippable(case: CaseFacts) -> bool:
    """自办自结: a simple case the grid worker handled alone closes unchecked, unless it was
    reopened or a checker looked at it and found it wanting."""
    return case.simple and case.self_handled and case.reopen_count == 0 and case.check_failures == 0


# --- guards: why a step cannot happen now (None when it can) ---------------------------------

Guard = Callable[[CaseFacts, Role, datetime], str | None]


def _self_handled_only(case: CaseFacts, role: Role) -> str | None:
    if role is R.GRID_WORKER and not case.self_handled:
        return "网格员只能办理自己自办自结的案件。"
    return None


def _guard_close(case: CaseFacts, role: Role, at: datetime) -> str | None:
    if case.state is S.FED_BACK and not check_skippable(case):
        return "该案件须经核查通过后才能结案。"
    return _self_handled_only(case, role)


def _guard_request_extension(case: CaseFacts, role: Role, at: datetime) -> str | None:
    if case.pending_extension is not None:
        return "已有一项延期申请尚待审批。"
    if case.deadline is None or local_date(at) > case.deadline:
        return "已超过办理时限，不能再申请延期。"
    return _self_handled_only(case, role)


def _guard_decide_extension(case: CaseFacts, role: Role, at: datetime) -> str | None:
    return None if case.pending_extension is not None else "没有待审批的延期申请。"


GUARDS: dict[Action, Guard] = {
    A.SELF_HANDLE: lambda case, role, at: (
        None if case.simple else "该类别不属于简易事项，须立案后派遣处置。"),
    A.REFUSE: lambda case, role, at: (
        None if case.refuse_until is not None and at < case.refuse_until
        else "已超过退回时限，不能再退回，请签收处置或申请延期。"),
    A.FEED_BACK: lambda case, role, at: _self_handled_only(case, role),
    A.CLOSE: _guard_close,
    A.ASK_EXTENSION: _guard_request_extension,
    A.GRANT_EXTENSION: _guard_decide_extension,
    A.DENY_EXTENSION: _guard_decide_extension,
    A.SUPERVISE: lambda case, role, at: None if is_overdue(case, at) else "案件尚未超期，不需要督办。",
}


def _refusal(case: CaseFacts, action: Action, role: Role, at: datetime) -> str | None:
    step = STEPS[action]
    label = ACTION_TEXT[action]
    if case.state not in step.from_states:
        return f"当前状态为“{STATE_TEXT[case.state]}”，不能“{label}”。"
    if role not in step.roles:
        return f"“{label}”不属于{ROLE_TEXT[role]}的职责。"
    if at < case.updated_at:
        return "操作时间早于案件的上一步，请刷新后重试。"
    guard = GUARDS.get(action)
    return guard(case, role, at) if guard else None


def _parse(action: str, role: str) -> tuple[Action, Role]:
    try:
        parsed_action = Action(action)
    except ValueError:
        raise StepRefused(f"未知的操作：{action}") from None
    try:
        return parsed_action, Role(role)
    except ValueError:
        raise StepRefused(f"未知的角色：{role}") from None


def allowed_actions(case: CaseFacts, actor_role: str, now: datetime) -> set[Action]:
    """The actions `actor_role` may take on the case at `now` (for buttons); reason and data
    are asked for by the form and checked by `apply`."""
    try:
        role = Role(actor_role)
    except ValueError:
        return set()
    local_date(now)
    return {action for action in STEPS if _refusal(case, action, role, now) is None}


# --- applying a step -------------------------------------------------------------------------

def apply(
    case: CaseFacts, action: str, *, actor_role: str, at: datetime, reason: str = "",
    data: Mapping[str, Any] | None = None, calendar: WorkCalendar | None = None,
) -> tuple[CaseFacts, TimelineEntry]:
    """The case after `action` and the timeline entry recording it, or StepRefused saying why
    not (the case is unchanged: it is frozen). `calendar` holds the county's days off."""
    parsed, role = _parse(action, actor_role)
    local_date(at)
    refusal = _refusal(case, parsed, role, at)
    if refusal:
        raise StepRefused(refusal)
    step = STEPS[parsed]
    x = _Ctx(case, at, reason.strip(), dict(data or {}), calendar or WorkCalendar())
    if step.needs_reason and not x.reason:
        raise StepRefused(f"“{ACTION_TEXT[parsed]}”须填写{_REASON_TEXT.get(parsed, '理由')}。")
    effect = _EFFECTS.get(parsed)
    changes, recorded = effect(x) if effect else ({}, {})
    to_state = changes.pop("state", step.to_state or case.state)
    after = replace(case, state=to_state, updated_at=at, **changes)
    return after, TimelineEntry(parsed, case.state, to_state, role, at, x.reason, recorded)


_REASON_TEXT = {A.FEED_BACK: "处置情况", A.SUPERVISE: "督办意见"}


@dataclass(frozen=True)
class _Ctx:
    case: CaseFacts
    at: datetime
    reason: str
    data: dict[str, Any]
    cal: WorkCalendar


Changes = tuple[dict[str, Any], dict[str, Any]]  # fields of CaseFacts to change, timeline data


def _start_clock(x: _Ctx, **also: Any) -> Changes:
    started_on = local_date(x.at)
    end = x.cal.deadline(started_on, x.case.time_limit_days)
    return {"registered_at": x.at, "started_on": started_on, "deadline": end, **also}, {"deadline": end.isoformat()}


def _dispatch(x: _Ctx) -> Changes:
    try:
        kind = AssigneeKind(str(x.data.get("to_kind", "")))
    except ValueError:
        raise StepRefused("请选择派遣对象：网格服务团队、个人或职能部门。") from None
    to = str(x.data.get("to", "")).strip()
    if not to:
        raise StepRefused(f"请选择派遣的{ASSIGNEE_KIND_TEXT[kind]}。")
    until = x.at + timedelta(hours=x.case.refuse_window_hours)
    return ({"assignee_kind": kind, "assignee": to, "dispatched_at": x.at, "refuse_until": until},
            {"to_kind": kind.value, "to": to, "refuse_until": until.isoformat()})


def _feed_back(x: _Ctx) -> Changes:
    pending = x.case.pending_extension
    if pending is None:
        return {}, {}
    # The work is done: a request still pending lapses rather than blocking the feed-back.
    lapsed = replace(pending, decided_at=x.at)
    return {"pending_extension": None, "extensions": (*x.case.extensions, lapsed)}, {"extension_lapsed": True}


def _follow_up(x: _Ctx) -> Changes:
    try:
        answer = Satisfaction(str(x.data.get("satisfaction", "")))
    except ValueError:
        raise StepRefused("请选择回访结果：满意、基本满意或不满意。") from None
    if answer is not Satisfaction.DISSATISFIED:
        return {"satisfaction": answer}, {"satisfaction": answer.value}
    if not x.reason:
        raise StepRefused("回访不满意须填写不满意的原因。")
    started_on = local_date(x.at)
    end = x.cal.deadline(started_on, x.case.time_limit_days)
    return ({"state": S.HANDLING, "satisfaction": answer, "reopen_count": x.case.reopen_count + 1,
             "started_on": started_on, "deadline": end, "closed_at": None},
            {"satisfaction": answer.value, "reopened": True, "deadline": end.isoformat()})


def _request_extension(x: _Ctx) -> Changes:
    days = x.data.get("days")
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_EXTENSION_DAYS:
        raise StepRefused(f"延期天数应为1到{MAX_EXTENSION_DAYS}个工作日。")
    return {"pending_extension": Extension(days=days, reason=x.reason, requested_at=x.at)}, {"days": days}


def _decide_extension(x: _Ctx, *, approved: bool) -> Changes:
    pending, old = x.case.pending_extension, x.case.deadline
    assert pending is not None and old is not None  # guarded
    decided = replace(pending, approved=approved, decided_at=x.at)
    changes: dict[str, Any] = {"pending_extension": None, "extensions": (*x.case.extensions, decided)}
    if not approved:
        return changes, {"days": pending.days}
    end = x.cal.deadline(old, pending.days)  # the days run on after the old deadline
    return changes | {"deadline": end}, {"days": pending.days, "old_deadline": old.isoformat(),
                                          "deadline": end.isoformat()}


_NO_ASSIGNEE = {"assignee_kind": None, "assignee": "", "dispatched_at": None, "refuse_until": None}
_EFFECTS: dict[Action, Callable[[_Ctx], Changes]] = {
    A.REGISTER: _start_clock,
    A.SELF_HANDLE: lambda x: _start_clock(x, self_handled=True, assignee_kind=AssigneeKind.PERSON,
                                          assignee=str(x.data.get("to", "")).strip()),
    A.DISPATCH: _dispatch,
    A.REFUSE: lambda x: (dict(_NO_ASSIGNEE), {}),
    A.ACKNOWLEDGE: lambda x: ({"refuse_until": None}, {}),
    A.FEED_BACK: _feed_back,
    A.CHECK_FAIL: lambda x: ({"check_failures": x.case.check_failures + 1}, {}),
    A.CLOSE: lambda x: ({"closed_at": x.at}, {"checked": x.case.state is S.CHECKED}),
    A.FOLLOW_UP: _follow_up,
    A.ASK_EXTENSION: _request_extension,
    A.GRANT_EXTENSION: lambda x: _decide_extension(x, approved=True),
    A.DENY_EXTENSION: lambda x: _decide_extension(x, approved=False),
    A.SUPERVISE: lambda x: ({"supervised": x.case.supervised + 1}, {"times": x.case.supervised + 1}),
}
