from __future__ import annotations

import datetime as dt

import pytest

from pingxing.publicity.demo import load_publicity
from pingxing.publicity.models import Article

pytestmark = pytest.mark.django_db


def test_the_demo_has_published_articles_of_each_kind_with_a_photo_one_waiting_and_one_returned(world):
    load_publicity(today=dt.date(2026, 6, 1))
    published = Article.objects.filter(state="published")
    assert set(published.values_list("kind", flat=True)) == {"progress", "practice", "model"}
    assert all(a.photos.count() == 1 for a in published)
    assert Article.objects.filter(state="submitted").count() == 1
    returned = Article.objects.get(state="returned")
    assert returned.return_reason
    load_publicity(today=dt.date(2026, 6, 1))  # loaded once
    assert Article.objects.count() == 7
