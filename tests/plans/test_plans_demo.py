from __future__ import annotations

import datetime as dt

import pytest

from pingxing.plans.demo import load_plans
from pingxing.plans.models import Group, PlanItem, StarTarget

pytestmark = pytest.mark.django_db


def test_the_demo_fills_groups_targets_and_items_on_a_small_world(world):
    today = dt.date(2026, 6, 15)
    load_plans(today=today)
    assert Group.objects.filter(kind="leading").count() == 2
    assert Group.objects.filter(kind="working", organization=world.a1).exists()
    assert StarTarget.objects.filter(year=2025).count() == 3 and StarTarget.objects.filter(year=2026).count() == 3
    assert PlanItem.objects.filter(state="done").exists()
    assert PlanItem.objects.filter(state="not_started", due_on__lt=today + dt.timedelta(days=7)).exists()
    load_plans(today=today)
    assert Group.objects.filter(kind="leading").count() == 2
