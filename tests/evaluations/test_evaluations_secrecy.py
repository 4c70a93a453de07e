"""Secrecy by construction: after close nothing in the database joins a ballot to a voter, a
code or a has-voted row — no column, no key, no order."""

from __future__ import annotations

import secrets

import pytest
from django.apps import apps
from django.db import connection
from evaluation_world import make_evaluation_world, marks_for

from pingxing.evaluations import services
from pingxing.evaluations.casting import ballot_cast_by_code, ballot_cast_by_member
from pingxing.evaluations.models import Ballot, CastRecord, Tracker, VotingCode

pytestmark = pytest.mark.django_db


def _cast_all(world, codes):
    """Members vote in order, then the codes; each ballot marks its voter's position in the
    casting order in the grade of the first member, so the order can be read back."""
    order = []
    for n, (account, member) in enumerate(zip(world.accounts, world.members, strict=True)):
        ballot_cast_by_member(evaluation=world.evaluation, user=account, request_key=secrets.token_urlsafe(12),
                              marks=marks_for(world, voter_member_id=member.pk))
        order.append(("members", n))
    for code in codes:
        ballot_cast_by_code(code=code, request_key=secrets.token_urlsafe(12), marks=marks_for(world))
    return order


def test_no_column_of_any_table_links_a_ballot_to_a_voter(transactional_db):
    world = make_evaluation_world(members=6)
    codes = services.codes_issue(evaluation=world.evaluation, count_=5, by=world.secretary)
    _cast_all(world, codes)
    services.evaluation_advance(evaluation=world.evaluation, by=world.secretary)
    ballot_ids = {str(pk) for pk in Ballot.objects.values_list("pk", flat=True)}
    ballot_fields = {f.column for f in Ballot._meta.concrete_fields}
    # The ballot itself: its class, its marks, its evaluation and a random key — nothing more.
    assert ballot_fields == {"id", "evaluation_id", "voter_class", "marks"}
    # No column of any other table refers to a ballot: no foreign key, and no value equal to a ballot's key.
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if field.is_relation:
                assert field.related_model not in {Ballot, Tracker}, f"{model._meta.label}.{field.name}"
        if model in {Ballot}:
            continue
        table = model._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            for row in cursor.fetchall():
                for value in row:
                    text = str(value)
                    assert not any(b in text for b in ballot_ids), f"{table} holds a ballot key"
    # The has-voted rows and the code rows carry nothing of a ballot or a receipt.
    trackers = set(Tracker.objects.values_list("tracker", flat=True))
    for row in CastRecord.objects.values():
        assert not trackers & {str(v) for v in row.values()}
    assert {f.column for f in VotingCode._meta.concrete_fields} == {"id", "evaluation_id", "code_hash", "handed_out"}
    assert {f.column for f in Tracker._meta.concrete_fields} == {"id", "evaluation_id", "tracker"}


def test_the_physical_order_of_ballots_after_close_is_independent_of_casting(transactional_db):
    """200 ballots, each carrying its casting position; after close, the rank correlation of
    stored order (rowid / ctid, and the key order) with casting order is no more than chance."""
    world = make_evaluation_world(members=2)
    codes = services.codes_issue(evaluation=world.evaluation, count_=200, by=world.secretary)
    from itertools import combinations, product

    from pingxing.evaluations.proposal import GRADES, parse_rules

    # Each ballot is told apart by its marks: (grade, ticked items) of the first member and the
    # grade of the second — 800 patterns, the first 200 used in casting order.
    first, second = list(world.entries.values())
    conduct = [c.code for c in parse_rules(world.evaluation.rules_source).conduct]
    ticks = [list(c) for k in range(len(conduct) + 1) for c in combinations(conduct, k)]
    patterns = [{str(first.pk): {"g": g1.value, "c": t}, str(second.pk): {"g": g2.value, "c": []}}
                for g1, t, g2 in product(GRADES, ticks, GRADES)][:200]
    for code, marks in zip(codes, patterns, strict=True):
        ballot_cast_by_code(code=code, request_key=secrets.token_urlsafe(12), marks=marks)
    closed = services.evaluation_advance(evaluation=world.evaluation, by=world.secretary)
    assert closed.state == "closed"
    import json

    def key(marks):
        return json.dumps({k: {"g": v["g"], "c": sorted(v["c"])} for k, v in marks.items()}, sort_keys=True)

    position_of = {key(m): i for i, m in enumerate(patterns)}
    table = connection.ops.quote_name(Ballot._meta.db_table)
    physical = "ctid" if connection.vendor == "postgresql" else "rowid"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT marks FROM {table} ORDER BY {physical}")
        rows = [r[0] for r in cursor.fetchall()]
    stored = [json.loads(r) if isinstance(r, str) else r for r in rows]
    order = [position_of[key(m)] for m in stored]
    assert sorted(order) == list(range(200))
    by_key = [position_of[key(b.marks)] for b in Ballot.objects.order_by("pk")]
    for sequence in (order, by_key):
        rho = _spearman(sequence)
        # |rho| of a random permutation of 200 exceeds 0.25 with probability about 0.0004.
        assert abs(rho) < 0.25, rho


def _spearman(ranks: list[int]) -> float:
    n = len(ranks)
    d2 = sum((i - r) ** 2 for i, r in enumerate(ranks))
    return 1 - 6 * d2 / (n * (n * n - 1))


def test_no_dead_row_version_of_a_ballot_survives_close_on_postgresql(transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("row versions are PostgreSQL's")
    world = make_evaluation_world(members=6)
    codes = services.codes_issue(evaluation=world.evaluation, count_=5, by=world.secretary)
    _cast_all(world, codes)
    services.evaluation_advance(evaluation=world.evaluation, by=world.secretary)
    with connection.cursor() as cursor:
        cursor.execute("SELECT last_vacuum FROM pg_stat_user_tables WHERE relname = %s", [Ballot._meta.db_table])
        (vacuumed,) = cursor.fetchone()
        cursor.execute(f"SELECT count(DISTINCT xmin::text) FROM {connection.ops.quote_name(Ballot._meta.db_table)}")
        (versions,) = cursor.fetchone()
    assert vacuumed is not None  # the dead versions of the casting order are gone
    assert versions == 1  # every ballot written by the one shuffling transaction
