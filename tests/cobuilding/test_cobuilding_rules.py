from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from pingxing.cobuilding import rules

VERDICT = st.sampled_from(rules.VERDICTS)


def test_all_sides_agreeing_give_their_verdict():
    assert rules.contract_status(["org", "p1"], {"org": "kept", "p1": "kept"}) == rules.KEPT


def test_disagreeing_sides_give_the_lower_verdict():
    assert rules.contract_status(["org", "p1"], {"org": "kept", "p1": "partly"}) == rules.PARTLY
    assert rules.contract_status(["org", "p1", "p2"], {"org": "kept", "p1": "partly", "p2": "not_kept"}) \
        == rules.NOT_KEPT


def test_a_one_sided_review_is_pending():
    assert rules.contract_status(["org", "p1"], {"org": "kept"}) == rules.PENDING


def test_no_review_is_unreviewed_and_reviews_of_other_sides_do_not_count():
    assert rules.contract_status(["org", "p1"], {}) == rules.UNREVIEWED
    assert rules.contract_status(["org", "p1"], {"p9": "kept"}) == rules.UNREVIEWED


@given(st.lists(VERDICT, min_size=1, max_size=5))
def test_complete_review_is_never_better_than_any_side(verdicts):
    sides = [f"s{i}" for i in range(len(verdicts))]
    status = rules.contract_status(sides, dict(zip(sides, verdicts, strict=True)))
    assert status in verdicts
    assert all(rules.VERDICTS.index(status) >= rules.VERDICTS.index(v) for v in verdicts)


@given(st.lists(VERDICT, min_size=2, max_size=5))
def test_missing_any_side_makes_it_pending(verdicts):
    sides = [f"s{i}" for i in range(len(verdicts))]
    given_ = dict(zip(sides[1:], verdicts[1:], strict=True))
    assert rules.contract_status(sides, given_) == rules.PENDING


def test_item_overdue_only_without_delivery_after_its_due_date():
    today = dt.date(2010, 6, 1)
    assert rules.item_status(due_on=dt.date(2010, 5, 31), delivered=False, today=today) == rules.OVERDUE
    assert rules.item_status(due_on=dt.date(2010, 5, 31), delivered=True, today=today) == rules.DELIVERED
    assert rules.item_status(due_on=today, delivered=False, today=today) == rules.OPEN
    assert rules.item_status(due_on=None, delivered=False, today=today) == rules.OPEN


def test_rate_counts_only_completely_reviewed_contracts():
    assert rules.fulfilment_rate(["kept", "pending", "partly", "unreviewed"]) == 0.5
    assert rules.fulfilment_rate(["pending"]) is None


@given(st.lists(st.sampled_from([*rules.VERDICTS, rules.PENDING, rules.UNREVIEWED])))
def test_rate_is_between_zero_and_one(statuses):
    rate = rules.fulfilment_rate(statuses)
    assert rate is None or 0 <= rate <= 1
