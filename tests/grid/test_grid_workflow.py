"""The service-case steps as a user meets them: each path of the closed loop, the refusals
(wrong state, wrong role, missing reason, too late), the deadline on the working-day
calendar, and the Open311 status. Pure: no database, no Django."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from pingxing.grid.catalogue import load_catalogue
from pingxing.grid.clock import WorkCalendar, deadline, local_date, working_days_between
from pingxing.grid.workflow import (
    DONE_STATES,
    FINAL_STATES,
    STEPS,
    Action,
    CaseFacts,
    CaseState,
    Role,
    Satisfaction,
    StepRefused,
    TimelineEntry,
    allowed_actions,
    apply,
    case_light,
    is_overdue,
    new_case,
    open311_status,
)
from pingxing.ratings.calendar import is_working_day

A, R, S = Action, Role, CaseState
TZ = dt.timezone(dt.timedelta(hours=8))
CATALOGUE = load_catalogue()
LAMP = CATALOGUE.category("streetlight")  # 3 days, not simple, 24 h refuse window
CLUTTER = CATALOGUE.category("clutter")  # 2 days, simple
TO_TEAM = {"to_kind": "team", "to": "17"}


def at(day: str, hour: int = 10, minute: int = 0) -> dt.datetime:
    return dt.datetime.fromisoformat(day).replace(hour=hour, minute=minute, tzinfo=TZ)


def step(case: CaseFacts, action: Action, role: Role, when: dt.datetime, reason: str = "", **data) -> CaseFacts:
    after, entry = apply(case, action, actor_role=role, at=when, reason=reason, data=data)
    assert (entry.action, entry.from_state, entry.to_state, entry.at) == (action, case.state, after.state, when)
    return after


def dispatched(when: dt.datetime, category=LAMP) -> CaseFacts:
    case = step(new_case(category, at=when), A.REGISTER, R.DISPATCHER, when)
    return step(case, A.DISPATCH, R.DISPATCHER, when, **TO_TEAM)


def handling(when: dt.datetime, category=LAMP) -> CaseFacts:
    return step(dispatched(when, category), A.ACKNOWLEDGE, R.HANDLER, when)


def closed(when: dt.datetime) -> CaseFacts:
    case = step(handling(when), A.FEED_BACK, R.HANDLER, when, "已更换灯泡")
    case = step(case, A.CHECK_PASS, R.CHECKER, when)
    return step(case, A.CLOSE, R.DISPATCHER, when)


def test_a_case_registered_before_national_day_is_due_after_the_holiday():
    case = step(new_case(LAMP, at=at("2024-09-27")), A.REGISTER, R.DISPATCHER, at("2024-09-27"))
    assert case.deadline == dt.date(2024, 10, 8)  # 09-29 (调休 Sunday), 09-30, 10-08
    assert case.started_on == dt.date(2024, 9, 27)


def test_a_county_day_off_moves_the_deadline():
    calendar = WorkCalendar(days_off=frozenset({dt.date(2024, 11, 5)}))
    case, _ = apply(new_case(LAMP, at=at("2024-11-04")), A.REGISTER, actor_role=R.DISPATCHER,
                    at=at("2024-11-04"), calendar=calendar)
    assert case.deadline == dt.date(2024, 11, 8)


def test_the_full_dispatched_loop_ends_in_a_satisfied_follow_up():
    case = closed(at("2024-11-04"))
    assert case.state is S.CLOSED and case.closed_at == at("2024-11-04")
    assert open311_status(case.state) == "closed"
    case = step(case, A.FOLLOW_UP, R.RESIDENT, at("2024-11-05"), satisfaction="basically")
    assert case.state is S.FOLLOWED_UP
    assert all(allowed_actions(case, role, at("2024-11-06")) == set() for role in Role)


def test_the_receiver_may_refuse_within_the_window_and_the_case_returns_for_redispatch():
    case = dispatched(at("2024-11-04", 9))
    assert case.refuse_until == at("2024-11-05", 9)
    assert A.REFUSE in allowed_actions(case, R.HANDLER, at("2024-11-05", 8, 59))
    back = step(case, A.REFUSE, R.HANDLER, at("2024-11-05", 8, 59), "不属于本单位职责")
    assert back.state is S.REGISTERED and back.assignee == "" and back.refuse_until is None
    assert back.deadline == case.deadline  # the clock keeps running from the registration
    again = step(back, A.DISPATCH, R.DISPATCHER, at("2024-11-05", 10), to_kind="department", to="城管")
    assert again.assignee == "城管"


def test_refusing_after_the_window_is_refused():
    case = dispatched(at("2024-11-04", 9))
    late = at("2024-11-05", 9)  # 24 hours on: the window has closed
    assert A.REFUSE not in allowed_actions(case, R.HANDLER, late)
    with pytest.raises(StepRefused, match="已超过退回时限"):
        apply(case, A.REFUSE, actor_role=R.HANDLER, at=late, reason="不属于本单位职责")
    assert A.ACKNOWLEDGE in allowed_actions(case, R.HANDLER, late)


def test_a_receiver_who_acknowledged_can_no_longer_refuse():
    case = handling(at("2024-11-04", 9))
    with pytest.raises(StepRefused, match="处置中"):
        apply(case, A.REFUSE, actor_role=R.HANDLER, at=at("2024-11-04", 10), reason="不归我管")


def test_an_urgent_category_has_a_short_refuse_window_and_zero_hours_means_no_refusing():
    case = dispatched(at("2024-11-04", 9), CATALOGUE.category("manhole"))
    with pytest.raises(StepRefused, match="退回时限"):
        apply(case, A.REFUSE, actor_role=R.HANDLER, at=at("2024-11-04", 11), reason="不归我管")
    case = dispatched(at("2024-11-04", 9), replace(CLUTTER, refuse_window_hours=0))
    assert A.REFUSE not in allowed_actions(case, R.HANDLER, at("2024-11-04", 9))


def test_an_approved_extension_adds_working_days_after_the_old_deadline():
    case = handling(at("2024-09-25"))  # 3 days: 09-26, 09-27, 09-29 (调休)
    assert case.deadline == dt.date(2024, 9, 29)
    case = step(case, A.ASK_EXTENSION, R.HANDLER, at("2024-09-27"), "需采购配件", days=2)
    assert case.pending_extension is not None and case.deadline == dt.date(2024, 9, 29)
    with pytest.raises(StepRefused, match="尚待审批"):
        apply(case, A.ASK_EXTENSION, actor_role=R.HANDLER, at=at("2024-09-27"), reason="再延", data={"days": 1})
    case = step(case, A.GRANT_EXTENSION, R.DISPATCHER, at("2024-09-30"))
    assert case.deadline == dt.date(2024, 10, 8)  # 09-30, then 国庆, then 10-08
    assert case.pending_extension is None and case.extensions[0].approved is True


def test_a_refused_extension_leaves_the_deadline():
    case = handling(at("2024-11-04"))
    case = step(case, A.ASK_EXTENSION, R.HANDLER, at("2024-11-05"), "需采购配件", days=3)
    with pytest.raises(StepRefused, match="理由"):
        apply(case, A.DENY_EXTENSION, actor_role=R.DISPATCHER, at=at("2024-11-05"))
    with pytest.raises(StepRefused, match="不属于承办人的职责"):
        apply(case, A.GRANT_EXTENSION, actor_role=R.HANDLER, at=at("2024-11-05"))
    after = step(case, A.DENY_EXTENSION, R.DISPATCHER, at("2024-11-05"), "配件库存充足")
    assert after.deadline == case.deadline and after.extensions[0].approved is False


def test_an_extension_after_the_deadline_is_refused():
    case = handling(at("2024-11-04"))  # due 11-07
    assert A.ASK_EXTENSION in allowed_actions(case, R.HANDLER, at("2024-11-07", 23, 59))
    with pytest.raises(StepRefused, match="已超过办理时限"):
        apply(case, A.ASK_EXTENSION, actor_role=R.HANDLER, at=at("2024-11-08"),
              reason="需采购配件", data={"days": 2})


def test_an_extension_needs_a_sensible_number_of_days():
    case = handling(at("2024-11-04"))
    for days in (0, 31, "2", None):
        with pytest.raises(StepRefused, match="延期天数"):
            apply(case, A.ASK_EXTENSION, actor_role=R.HANDLER, at=at("2024-11-05"),
                  reason="需采购配件", data={"days": days})


def test_feeding_back_lets_a_pending_extension_lapse():
    case = step(handling(at("2024-11-04")), A.ASK_EXTENSION, R.HANDLER, at("2024-11-05"), "等配件", days=2)
    after, entry = apply(case, A.FEED_BACK, actor_role=R.HANDLER, at=at("2024-11-06"), reason="已修复")
    assert after.pending_extension is None and after.extensions[0].approved is None
    assert after.deadline == case.deadline and entry.data["extension_lapsed"] is True


def test_supervision_only_on_an_overdue_case_and_it_keeps_the_state():
    case = handling(at("2024-11-04"))  # due 11-07
    with pytest.raises(StepRefused, match="尚未超期"):
        apply(case, A.SUPERVISE, actor_role=R.DISPATCHER, at=at("2024-11-07", 18), reason="请加快")
    assert not is_overdue(case, at("2024-11-07", 23, 59)) and is_overdue(case, at("2024-11-08"))
    assert case_light(case, at("2024-11-08")) == "red"
    after, entry = apply(case, A.SUPERVISE, actor_role=R.DISPATCHER, at=at("2024-11-08"), reason="请今日办结")
    assert after.state is S.HANDLING and after.supervised == 1
    assert entry.from_state == entry.to_state == S.HANDLING
    with pytest.raises(StepRefused, match="督办意见"):
        apply(after, A.SUPERVISE, actor_role=R.DISPATCHER, at=at("2024-11-08"))
    with pytest.raises(StepRefused, match="职责"):
        apply(after, A.SUPERVISE, actor_role=R.RESIDENT, at=at("2024-11-08"), reason="快点")


def test_a_closed_case_is_not_supervised_even_when_late():
    case = closed(at("2024-11-04"))
    assert A.SUPERVISE not in allowed_actions(case, R.DISPATCHER, at("2024-12-31"))


def test_a_grid_worker_handles_and_closes_a_simple_case_alone():
    case = new_case(CLUTTER, at=at("2024-11-04"))
    case = step(case, A.SELF_HANDLE, R.GRID_WORKER, at("2024-11-04"), to="42")
    assert case.self_handled and case.deadline == dt.date(2024, 11, 6) and case.assignee == "42"
    case = step(case, A.FEED_BACK, R.GRID_WORKER, at("2024-11-04", 11), "已劝离并清理")
    assert A.CLOSE in allowed_actions(case, R.GRID_WORKER, at("2024-11-04", 12))
    case = step(case, A.CLOSE, R.GRID_WORKER, at("2024-11-04", 12))
    assert case.state is S.CLOSED


def test_a_category_that_is_not_simple_cannot_be_self_handled():
    with pytest.raises(StepRefused, match="不属于简易事项"):
        apply(new_case(LAMP, at=at("2024-11-04")), A.SELF_HANDLE, actor_role=R.GRID_WORKER, at=at("2024-11-04"))


def test_a_dispatched_case_needs_the_check_even_in_a_simple_category():
    case = step(handling(at("2024-11-04"), CLUTTER), A.FEED_BACK, R.HANDLER, at("2024-11-04"), "已清理")
    with pytest.raises(StepRefused, match="须经核查通过"):
        apply(case, A.CLOSE, actor_role=R.DISPATCHER, at=at("2024-11-04"))
    checked = step(case, A.CHECK_PASS, R.CHECKER, at("2024-11-04"))
    with pytest.raises(StepRefused, match="网格员只能"):
        apply(checked, A.CLOSE, actor_role=R.GRID_WORKER, at=at("2024-11-04"))
    with pytest.raises(StepRefused, match="网格员只能"):
        apply(handling(at("2024-11-04"), CLUTTER), A.FEED_BACK, actor_role=R.GRID_WORKER,
              at=at("2024-11-04"), reason="已清理")


def test_a_failed_check_sends_the_case_back_with_a_reason():
    case = step(handling(at("2024-11-04")), A.FEED_BACK, R.HANDLER, at("2024-11-04"), "已修")
    with pytest.raises(StepRefused, match="理由"):
        apply(case, A.CHECK_FAIL, actor_role=R.CHECKER, at=at("2024-11-05"), reason="  ")
    back = step(case, A.CHECK_FAIL, R.CHECKER, at("2024-11-05"), "现场路灯仍不亮")
    assert back.state is S.HANDLING and back.check_failures == 1


def test_a_dissatisfied_follow_up_reopens_the_case_with_a_fresh_period():
    case = closed(at("2024-09-25"))
    with pytest.raises(StepRefused, match="不满意的原因"):
        apply(case, A.FOLLOW_UP, actor_role=R.RESIDENT, at=at("2024-09-27"), data={"satisfaction": "dissatisfied"})
    reopened, entry = apply(case, A.FOLLOW_UP, actor_role=R.RESIDENT, at=at("2024-09-27"),
                            reason="路灯晚上还是不亮", data={"satisfaction": "dissatisfied"})
    assert reopened.state is S.HANDLING and reopened.reopen_count == 1 and reopened.closed_at is None
    assert reopened.assignee == case.assignee  # back to the same handler
    assert reopened.deadline == dt.date(2024, 10, 8) and entry.data["reopened"] is True
    assert open311_status(reopened.state) == "open"


def test_a_reopened_self_handled_case_must_be_checked_before_closing():
    case = step(new_case(CLUTTER, at=at("2024-11-04")), A.SELF_HANDLE, R.GRID_WORKER, at("2024-11-04"))
    case = step(case, A.FEED_BACK, R.GRID_WORKER, at("2024-11-04"), "已清理")
    case = step(case, A.CLOSE, R.GRID_WORKER, at("2024-11-04"))
    case = step(case, A.FOLLOW_UP, R.DISPATCHER, at("2024-11-05"), "又堆上了", satisfaction="dissatisfied")
    case = step(case, A.FEED_BACK, R.GRID_WORKER, at("2024-11-05"), "再次清理并告知")
    assert A.CLOSE not in allowed_actions(case, R.GRID_WORKER, at("2024-11-05"))
    case = step(case, A.CHECK_PASS, R.CHECKER, at("2024-11-05"))
    assert step(case, A.CLOSE, R.GRID_WORKER, at("2024-11-05")).state is S.CLOSED


def test_a_follow_up_needs_an_answer_and_only_a_closed_case_has_one():
    case = closed(at("2024-11-04"))
    with pytest.raises(StepRefused, match="请选择回访结果"):
        apply(case, A.FOLLOW_UP, actor_role=R.RESIDENT, at=at("2024-11-05"), data={"satisfaction": "ok"})
    with pytest.raises(StepRefused, match="不能“回访”"):
        apply(handling(at("2024-11-04")), A.FOLLOW_UP, actor_role=R.RESIDENT, at=at("2024-11-05"),
              data={"satisfaction": "satisfied"})


def test_a_resident_may_only_answer_the_follow_up():
    assert all(R.RESIDENT not in s.roles for a, s in STEPS.items() if a is not A.FOLLOW_UP)


def test_declining_needs_a_reason_and_is_final():
    case = new_case(LAMP, at=at("2024-11-04"))
    with pytest.raises(StepRefused, match="不予立案”须填写理由"):
        apply(case, A.DECLINE, actor_role=R.DISPATCHER, at=at("2024-11-04"))
    case = step(case, A.DECLINE, R.DISPATCHER, at("2024-11-04"), "非本辖区事项")
    assert case.state is S.NOT_REGISTERED and open311_status(case.state) == "closed"
    assert all(allowed_actions(case, role, at("2024-11-05")) == set() for role in Role)


def test_a_dispatch_names_its_receiver():
    case = step(new_case(LAMP, at=at("2024-11-04")), A.REGISTER, R.DISPATCHER, at("2024-11-04"))
    with pytest.raises(StepRefused, match="派遣对象"):
        apply(case, A.DISPATCH, actor_role=R.DISPATCHER, at=at("2024-11-04"), data={"to_kind": "robot", "to": "1"})
    with pytest.raises(StepRefused, match="职能部门"):
        apply(case, A.DISPATCH, actor_role=R.DISPATCHER, at=at("2024-11-04"), data={"to_kind": "department"})


def test_a_step_earlier_than_the_last_one_and_unknown_names_are_refused():
    case = handling(at("2024-11-04", 10))
    with pytest.raises(StepRefused, match="早于"):
        apply(case, A.FEED_BACK, actor_role=R.HANDLER, at=at("2024-11-04", 9), reason="已修")
    with pytest.raises(StepRefused, match="未知的操作"):
        apply(case, "teleport", actor_role=R.HANDLER, at=at("2024-11-04", 11))
    with pytest.raises(StepRefused, match="未知的角色"):
        apply(case, A.FEED_BACK, actor_role="mayor", at=at("2024-11-04", 11), reason="已修")
    assert allowed_actions(case, "mayor", at("2024-11-04", 11)) == set()


def test_a_naive_time_is_a_programming_error():
    with pytest.raises(ValueError):
        new_case(LAMP, at=dt.datetime(2024, 11, 4, 10))  # noqa: DTZ001 - the naive time under test


def test_the_light_of_a_running_case_and_none_for_one_not_yet_registered():
    case = handling(at("2024-11-01"))  # Friday; 3 days: 11-04, 11-05, 11-06
    assert case_light(case, at("2024-11-04")) == "green"
    assert case_light(case, at("2024-11-05")) == "green"  # 2 of 3 used: 67 %
    assert case_light(case, at("2024-11-06")) == "yellow"  # the last working day
    assert case_light(case, at("2024-11-07")) == "red"
    assert case_light(new_case(LAMP, at=at("2024-11-04")), at("2024-11-04")) is None


def test_open311_status_for_every_state():
    closed_states = {S.CLOSED, S.FOLLOWED_UP, S.NOT_REGISTERED}
    assert closed_states == DONE_STATES
    for state in CaseState:
        assert open311_status(state) == ("closed" if state in closed_states else "open")
    assert open311_status("handling") == "open"


def test_every_code_is_short_and_has_a_chinese_label():
    from pingxing.grid.workflow import ACTION_TEXT, ROLE_TEXT, SATISFACTION_TEXT, STATE_TEXT

    for enum, labels in ((Action, ACTION_TEXT), (CaseState, STATE_TEXT), (Role, ROLE_TEXT),
                         (Satisfaction, SATISFACTION_TEXT)):
        for member in enum:
            assert len(member.value) <= 16, member  # audit codes and the model's fields
            assert labels[member] and labels[member].isascii() is False, member


def test_a_refused_step_changes_nothing():
    case = handling(at("2024-11-04"))
    copy = replace(case)
    with pytest.raises(StepRefused):
        apply(case, A.CLOSE, actor_role=R.DISPATCHER, at=at("2024-11-05"))
    assert case == copy


# --- any sequence of steps -------------------------------------------------------------------

SPRING_FESTIVAL_2025 = at("2025-01-24", 9)  # 春节 01-28 … 02-04; 01-26 (Sun) and 02-08 (Sat) worked
CATEGORIES = (LAMP, CLUTTER, CATALOGUE.category("manhole"), replace(CLUTTER, code="no_window", refuse_window_hours=0))
STARTS = (at("2024-09-25", 9), at("2024-09-30", 16), at("2024-12-31", 17), SPRING_FESTIVAL_2025)
REASONS = ("", "  ", "现场已核实")
FORWARD = {A.REGISTER, A.SELF_HANDLE, A.DISPATCH, A.ACKNOWLEDGE, A.FEED_BACK, A.CHECK_PASS, A.CLOSE, A.FOLLOW_UP}


def _data(action: Action, *, answer: Satisfaction, days: int, good_dispatch: bool) -> dict:
    if action is A.DISPATCH:
        return {"to_kind": "person", "to": "7"} if good_dispatch else {"to_kind": "robot", "to": "7"}
    if action is A.ASK_EXTENSION:
        return {"days": days}
    if action is A.FOLLOW_UP:
        return {"satisfaction": answer.value}
    return {"to": "5"} if action is A.SELF_HANDLE else {}


def _data_ok(action: Action, data: dict) -> bool:
    if action is A.DISPATCH:
        return data["to_kind"] in {"team", "person", "department"}
    if action is A.ASK_EXTENSION:
        return 1 <= data["days"] <= 30
    return True


class CaseMachine(RuleBasedStateMachine):
    """Drives one case through random steps, allowed and forbidden, by every role."""

    @initialize(category=st.sampled_from(CATEGORIES), start=st.sampled_from(STARTS))
    def receive(self, category, start):
        self.case = new_case(category, at=start)
        self.now = start
        self.timeline: list[TimelineEntry] = []
        self.applied = 0
        # The model's own memory, kept from the steps it saw (not from CaseFacts).
        self.deadline: dt.date | None = None
        self.approved_days = 0  # approved extension days since the period started
        self.self_handled = self.reopened = self.check_failed = False
        self.fed_back_since_handling = False
        self.dispatched_at: dt.datetime | None = None

    @rule(hours=st.sampled_from((0, 1, 5, 23, 30, 72, 200)))
    def time_passes(self, hours):
        self.now += dt.timedelta(hours=hours)

    @rule(action=st.sampled_from(tuple(Action)), role=st.sampled_from(tuple(Role)), reason=st.sampled_from(REASONS),
          answer=st.sampled_from(tuple(Satisfaction)), days=st.sampled_from((0, 1, 3, 31)),
          good_dispatch=st.booleans(), earlier=st.sampled_from((False, False, False, True)))
    def any_step(self, action, role, reason, answer, days, good_dispatch, earlier):
        self._try(action, role, reason, answer, days, good_dispatch, earlier)

    @precondition(lambda self: self.case.state not in FINAL_STATES)
    @rule(data=st.data(), reason=st.sampled_from(REASONS), answer=st.sampled_from(tuple(Satisfaction)),
          days=st.sampled_from((0, 1, 3, 31)), good_dispatch=st.booleans(), earlier=st.sampled_from((False, False, False, True)))
    def a_tempting_step(self, data, reason, answer, days, good_dispatch, earlier):
        """A step of the right state and role, which its timing, reason or data may still spoil."""
        pairs = sorted((a, r) for a, s in STEPS.items() if self.case.state in s.from_states for r in s.roles)
        action, role = data.draw(st.sampled_from(pairs))
        self._try(action, role, reason, answer, days, good_dispatch, earlier)

    @precondition(lambda self: self.case.state in {S.DISPATCHED, S.HANDLING})
    @rule(hours=st.sampled_from((0, 1, 3, 30, 200)))
    def time_passes_then_the_receiver_asks(self, hours):
        """Refusing after the window, asking for more time after the deadline: both refused."""
        self.now += dt.timedelta(hours=hours)
        action = A.REFUSE if self.case.state is S.DISPATCHED else A.ASK_EXTENSION
        self._try(action, R.HANDLER, "不属于本单位职责", Satisfaction.SATISFIED, 2, True, False)

    def _try(self, action, role, reason, answer, days, good_dispatch, earlier):
        when = self.now - dt.timedelta(minutes=1) if earlier else self.now
        data = _data(action, answer=answer, days=days, good_dispatch=good_dispatch)
        needs_reason = STEPS[action].needs_reason or (action is A.FOLLOW_UP and answer is Satisfaction.DISSATISFIED)
        expected = (action in allowed_actions(self.case, role, when) and _data_ok(action, data)
                    and not (needs_reason and not reason.strip()))
        before = replace(self.case)
        try:
            after, entry = apply(self.case, action, actor_role=role, at=when, reason=reason, data=data)
        except StepRefused as refused:
            assert not expected, str(refused)
            assert str(refused)
            assert self.case == before  # nothing changed
            return
        assert expected
        assert when >= self.case.updated_at
        self._record(after, entry)

    @precondition(lambda self: self.case.state not in FINAL_STATES)
    @rule(data=st.data())
    def a_good_step(self, data):
        """An allowed step, done right; mostly one that moves the case on round the loop."""
        # Declining ends the run at once: the tempting steps try it often enough.
        pairs = sorted((a, r) for r in Role for a in allowed_actions(self.case, r, self.now) if a is not A.DECLINE)
        forward = [p for p in pairs if p[0] in FORWARD]
        if not pairs:
            return
        action, role = data.draw(st.sampled_from(forward if forward and data.draw(st.booleans()) else pairs))
        answer = data.draw(st.sampled_from((Satisfaction.DISSATISFIED, *Satisfaction)))
        payload = _data(action, answer=answer, days=2, good_dispatch=True)
        self._record(*apply(self.case, action, actor_role=role, at=self.now, reason="已核实", data=payload))

    def _record(self, after: CaseFacts, entry: TimelineEntry) -> None:
        case, when, action = self.case, entry.at, entry.action
        assert entry.from_state == case.state and entry.to_state == after.state
        assert entry.actor_role is not R.RESIDENT or action is A.FOLLOW_UP
        if STEPS[action].to_state is None:
            assert after.state == case.state
        if action in (A.REGISTER, A.SELF_HANDLE):
            self.deadline, self.approved_days = deadline(local_date(when), case.time_limit_days), 0
            self.self_handled = action is A.SELF_HANDLE
        elif action is A.GRANT_EXTENSION:
            assert case.pending_extension is not None and self.deadline is not None
            self.deadline = deadline(self.deadline, case.pending_extension.days)
            self.approved_days += case.pending_extension.days
        elif action is A.ASK_EXTENSION:
            assert self.deadline is not None and local_date(when) <= self.deadline
        elif action is A.REFUSE:
            assert self.dispatched_at is not None
            assert when < self.dispatched_at + dt.timedelta(hours=case.refuse_window_hours)
        elif action is A.SUPERVISE:
            assert self.deadline is not None and local_date(when) > self.deadline
            assert after.supervised == case.supervised + 1
        elif action is A.CLOSE:
            assert self.fed_back_since_handling
            skippable = self.self_handled and not self.reopened and not self.check_failed
            assert case.state is S.CHECKED or (case.state is S.FED_BACK and skippable)
        elif action is A.FOLLOW_UP:
            dissatisfied = entry.data["satisfaction"] == "dissatisfied"
            assert after.state is (S.HANDLING if dissatisfied else S.FOLLOWED_UP)
            if dissatisfied:
                assert after.reopen_count == case.reopen_count + 1
                self.reopened = True
                self.deadline, self.approved_days = deadline(local_date(when), case.time_limit_days), 0
        self.dispatched_at = when if action is A.DISPATCH else self.dispatched_at
        self.check_failed = self.check_failed or action is A.CHECK_FAIL
        if after.state is S.HANDLING and case.state is not S.HANDLING:
            self.fed_back_since_handling = False
        self.fed_back_since_handling = self.fed_back_since_handling or action is A.FEED_BACK
        self.case = after
        self.timeline.append(entry)
        self.applied += 1

    @invariant()
    def the_timeline_is_complete_and_consecutive(self):
        assert len(self.timeline) == self.applied
        state, last = S.RECEIVED, self.case.received_at
        for entry in self.timeline:
            assert entry.from_state == state and entry.at >= last
            state, last = entry.to_state, entry.at
        assert state == self.case.state and last == self.case.updated_at

    @invariant()
    def the_deadline_moves_only_as_the_calendar_and_approved_extensions_say(self):
        case = self.case
        assert case.deadline == self.deadline
        if case.deadline is not None:
            assert case.started_on is not None and is_working_day(case.deadline)
            assert working_days_between(case.started_on, case.deadline) == case.time_limit_days + self.approved_days

    @invariant()
    def the_case_is_in_a_valid_state(self):
        case = self.case
        assert case.state in set(CaseState)
        assert case.pending_extension is None or case.state is S.HANDLING
        assert (case.state in DONE_STATES) == (open311_status(case.state) == "closed")
        assert (case.closed_at is not None) == (case.state in {S.CLOSED, S.FOLLOWED_UP})
        if case.state in FINAL_STATES:
            assert all(not allowed_actions(case, role, self.now) for role in Role)


TestCaseMachine = CaseMachine.TestCase
TestCaseMachine.settings = settings(max_examples=150, stateful_step_count=35, derandomize=True, deadline=None,
                                    suppress_health_check=[HealthCheck.too_slow])
