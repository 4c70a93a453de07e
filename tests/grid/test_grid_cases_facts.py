"""The stored facts of a case survive the trip to JSON and back for every case the step table
can reach (pure: no database, no Django)."""

from __future__ import annotations

import datetime as dt
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from pingxing.grid.catalogue import load_catalogue
from pingxing.grid.facts import facts_from_json, facts_to_json
from pingxing.grid.workflow import Role, StepRefused, allowed_actions, apply, new_case

TZ = dt.timezone(dt.timedelta(hours=8))
CATEGORIES = load_catalogue().categories
START = dt.datetime(2026, 3, 2, 9, tzinfo=TZ)
DATA = {"dispatch": {"to_kind": "team", "to": "7"}, "ask_extension": {"days": 2},
        "follow_up": {"satisfaction": "dissatisfied"}}


@st.composite
def reachable_facts(draw):
    case = new_case(draw(st.sampled_from(CATEGORIES)), at=START)
    now = START
    for _ in range(draw(st.integers(0, 14))):
        now += dt.timedelta(hours=draw(st.integers(0, 72)))
        options = sorted((role, action) for role in Role for action in allowed_actions(case, role, now))
        if not options:
            break
        role, action = draw(st.sampled_from(options))
        data = dict(DATA.get(action, {}))
        if action == "follow_up":
            data["satisfaction"] = draw(st.sampled_from(["satisfied", "basically", "dissatisfied"]))
        try:
            case, _entry = apply(case, action, actor_role=role, at=now, reason="理由", data=data)
        except StepRefused:
            continue
    return case


@settings(max_examples=150, deadline=None)
@given(reachable_facts())
def test_facts_round_trip_through_json(facts):
    text = json.dumps(facts_to_json(facts))  # what the JSONField stores
    assert facts_from_json(json.loads(text)) == facts


def test_a_field_missing_from_old_facts_takes_its_default():
    facts = new_case(CATEGORIES[0], at=START)
    raw = facts_to_json(facts)
    del raw["supervised"]
    assert facts_from_json(raw).supervised == 0
