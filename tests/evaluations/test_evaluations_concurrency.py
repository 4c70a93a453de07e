"""1,000 simultaneous casts — 500 distinct voters (accounts and codes) and a replay of each —
accept exactly 500 ballots; each replay gets the original receipt or a clear refusal."""

from __future__ import annotations

import contextlib
import random
import secrets
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from evaluation_world import make_evaluation_world, marks_for

from pingxing.evaluations import queries, services
from pingxing.evaluations.casting import CastRefused, ballot_cast_by_code, ballot_cast_by_member
from pingxing.evaluations.models import Ballot, CastRecord, Tracker

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="simultaneous writers from several connections need PostgreSQL (CI runs it)"),
]
ACCOUNTS, CODES = 100, 400


def test_a_thousand_simultaneous_casts_accept_exactly_five_hundred_ballots(transactional_db):
    world = make_evaluation_world(members=ACCOUNTS)
    codes = services.codes_issue(evaluation=world.evaluation, count_=CODES, by=world.secretary)
    jobs = []
    for account, member in zip(world.accounts, world.members, strict=True):
        key, marks = secrets.token_urlsafe(12), marks_for(world, voter_member_id=member.pk, grade="excellent")
        jobs += [("member", account, key, marks)] * 2  # the cast and its replay
    for code in codes:
        key, marks = secrets.token_urlsafe(12), marks_for(world, grade="qualified")
        jobs += [("code", code, key, marks)] * 2
    random.Random(7).shuffle(jobs)
    start = threading.Barrier(40)
    results: list[tuple[str, str, str]] = []  # (voter, outcome, receipt or message)
    lock = threading.Lock()

    def cast(job):
        kind, who, key, marks = job
        try:
            with contextlib.suppress(threading.BrokenBarrierError):
                start.wait(timeout=0.5)
            if kind == "member":
                done = ballot_cast_by_member(evaluation=world.evaluation, user=who, request_key=key, marks=marks)
            else:
                done = ballot_cast_by_code(code=who, request_key=key, marks=marks)
            outcome = ("repeat" if done.repeated else "cast", done.receipt)
        except CastRefused as error:
            outcome = ("refused", str(error))
        finally:
            connections.close_all()
        with lock:
            results.append((f"{kind}:{getattr(who, 'pk', who)}", *outcome))

    with ThreadPoolExecutor(max_workers=40) as pool:
        list(pool.map(cast, jobs))

    assert len(results) == 2 * (ACCOUNTS + CODES)
    outcomes = Counter(outcome for _, outcome, _ in results)
    assert outcomes["cast"] == ACCOUNTS + CODES
    assert Ballot.objects.count() == ACCOUNTS + CODES == CastRecord.objects.count() == Tracker.objects.count()
    by_voter: dict[str, list[tuple[str, str]]] = {}
    for voter, outcome, detail in results:
        by_voter.setdefault(voter, []).append((outcome, detail))
    for voter, answers in by_voter.items():
        receipts = {d for o, d in answers if o in {"cast", "repeat"}}
        assert [o for o, _ in answers].count("cast") == 1, voter
        assert len(receipts) == 1, voter  # the replay got the original receipt (or was refused)
    closed = services.evaluation_advance(evaluation=world.evaluation, by=world.secretary)
    result = queries.evaluation_count(closed)
    assert result.ballots == {"members": ACCOUNTS, "masses": CODES}
    some = world.entries[world.members[0].pk]
    members_tally = result.tallies[some.pk]["members"]
    assert members_tally.grades == {"excellent": ACCOUNTS - 1}  # everyone but themselves
    assert result.tallies[some.pk]["masses"].grades == {"qualified": CODES}
