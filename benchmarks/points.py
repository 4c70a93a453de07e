"""Points benchmark (issue 11): the street's yearly statements for 3,000 members × 50 entries.

    uv run python benchmarks/points.py                 # throwaway SQLite test database
    DATABASE_URL=postgres://… uv run python benchmarks/points.py   # a throwaway PostgreSQL test database
    uv run python benchmarks/points.py --members 300 --entries 10  # quick

Creates a test database (Django's test-database machinery: nothing of ./var is touched),
builds one street of 10 communities with the members and a year of entries by bulk_create,
then times, best of --repeat runs: the street overview (`queries.org_rows`: per organization
the distribution of its members' balances, aggregated in the database) and the members'
statements of the whole street (`queries.member_rows`), and prints the query counts.
Goal: < 1 s for 3,000 members × 50 entries. Not part of the pytest suite; prints, asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tests" / "points"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pingxing.settings")

GOAL_S = 1.0
YEAR = 2026


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=3000)
    parser.add_argument("--entries", type=int, default=50, help="entries per member")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()
    if connection.vendor != "sqlite":
        # A database of its own: never the test database a running pytest uses.
        connection.settings_dict.setdefault("TEST", {})["NAME"] = "test_pingxing_points_bench"
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from bulk import build_street

        from factories import make_county, make_street
        from pingxing.points import queries
        from pingxing.points.models import PointEntry

        orgs = 10
        started = time.perf_counter()
        street = make_street(parent=make_county(), name="基准街道党工委")
        build_street(street=street, orgs=orgs, members_per_org=args.members // orgs,
                     entries_per_member=args.entries, year=YEAR)
        built = time.perf_counter() - started
        entries = PointEntry.objects.count()
        print(f"database: {connection.vendor} ({name})")
        print(f"built {args.members} members × {args.entries} entries = {entries} entries in {built:.1f} s")

        for label, run in (
            ("street overview (org_rows)", lambda: queries.org_rows(street, year=YEAR)),
            ("members' yearly statements (member_rows)",
             lambda: queries.member_rows(queries.subtree_members(street), year=YEAR)),
            ("members' Q2 statements (member_rows)",
             lambda: queries.member_rows(queries.subtree_members(street), year=YEAR, quarter=2)),
        ):
            times = []
            for _ in range(args.repeat):
                with CaptureQueriesContext(connection) as captured:
                    t0 = time.perf_counter()
                    result = run()
                    times.append(time.perf_counter() - t0)
            best = min(times)
            verdict = "ok" if best < GOAL_S else "OVER GOAL"
            print(f"{label}: best {best * 1000:.0f} ms of {args.repeat}, {len(captured)} queries, "
                  f"{len(result)} rows — goal < {GOAL_S:.0f} s: {verdict}")
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)


if __name__ == "__main__":
    main()
