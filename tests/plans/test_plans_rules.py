from __future__ import annotations

import datetime as dt

from pingxing.plans.rules import ItemFacts, Outcome, is_behind, is_overdue, outcome, progress_rate

TODAY = dt.date(2026, 6, 15)


def test_an_item_not_done_past_its_date_is_overdue_and_behind():
    item = ItemFacts(state="in_progress", due_on=TODAY - dt.timedelta(days=1), last_note_on=TODAY)
    assert is_overdue(item, TODAY)
    assert is_behind(item, TODAY)


def test_a_done_item_is_never_behind():
    item = ItemFacts(state="done", due_on=TODAY - dt.timedelta(days=30))
    assert not is_behind(item, TODAY)
    assert not is_overdue(item, TODAY)


def test_an_item_due_soon_without_recent_note_is_behind():
    assert is_behind(ItemFacts(state="not_started", due_on=TODAY + dt.timedelta(days=3)), TODAY)
    quiet = ItemFacts(state="in_progress", due_on=TODAY + dt.timedelta(days=3), last_note_on=TODAY - dt.timedelta(days=20))
    assert is_behind(quiet, TODAY)


def test_an_item_due_soon_with_a_recent_note_or_due_later_is_on_track():
    recent = ItemFacts(state="in_progress", due_on=TODAY + dt.timedelta(days=3), last_note_on=TODAY - dt.timedelta(days=2))
    assert not is_behind(recent, TODAY)
    assert not is_behind(ItemFacts(state="not_started", due_on=TODAY + dt.timedelta(days=30)), TODAY)


def test_progress_rate_is_the_share_of_items_done():
    assert progress_rate([]) is None
    assert progress_rate(["done", "in_progress", "not_started"]) == 33
    assert progress_rate(["done", "done"]) == 100


def test_target_against_achieved_star():
    assert outcome(4, 4) is Outcome.ACHIEVED
    assert outcome(4, 5) is Outcome.ACHIEVED
    assert outcome(5, 3) is Outcome.MISSED
    assert outcome(3, None) is Outcome.PENDING
    assert outcome(None, 3) is Outcome.NO_TARGET
