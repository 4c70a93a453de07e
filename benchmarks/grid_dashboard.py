"""Scale benchmark of the grid dashboards (issue 12): a street with 20,000 households and
100,000 service cases on PostgreSQL, the street dashboard and a community dashboard under 50
concurrent simulated users.

    uv run python benchmarks/grid_dashboard.py             # 20,000 households, 100,000 cases, 50 users
    uv run python benchmarks/grid_dashboard.py --quick     # 2,000 households, 10,000 cases, 20 users

Starts a throwaway PostgreSQL cluster (unless DATABASE_URL is set: then that database is used
and must be empty), migrates, generates the street in bulk (one street, 20 communities of 10
grids, households with member links, a year of cases in every state), counts the queries of
each dashboard with Django's test client, starts gunicorn, logs in 50 users (half the street,
half the community's secretary) and lets each request its dashboard in a loop for the given
time, waiting 1–3 s between requests (as the campaign's load mix does). The dashboard keeps
its rendered figures for a minute (views_dashboard.CACHE_SECONDS): the first request of each
gunicorn worker in a minute counts them. Prints p50/p95/p99 per dashboard and queries per request (goal p95 < 300 ms).
Not part of the pytest suite.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "load"))
from run import ROOT, Bench, _percentile  # noqa: E402

P95_TARGET_MS = 300.0

SEED = r"""
import datetime as dt, json, random, sys, time, django
django.setup()
from django.contrib.auth.hashers import make_password
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pingxing.accounts.models import User
from pingxing.grid.catalogue import load_catalogue
from pingxing.grid.clock import LOCAL_TZ, WorkCalendar
from pingxing.grid.models import Grid, Household, HouseholdLink
from pingxing.grid.models_cases import ServiceCase
from pingxing.members.models import Member, id_number_digest
from pingxing.orgs.services import org_create

households, cases, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
rng = random.Random(12)
started = time.perf_counter()
county = org_create(code="G0", name="基准县委组织部", level="county", parent=None, by=None, audit=False)
street = org_create(code="G1", name="基准街道党工委", level="street", parent=county, by=None, audit=False)
communities = [org_create(code=f"G1{n:02d}", name=f"基准{n}社区党委", level="organization", kind="community",
                          form="committee", parent=street, by=None, audit=False) for n in range(20)]
grids = Grid.objects.bulk_create([Grid(community=c, level="large", code=f"{c.code}-{g:02d}", name=f"{c.name[2:]}{g}网格")
                                  for c in communities for g in range(10)])
members = Member.objects.bulk_create([
    Member(organization=communities[n % 20], name=f"党员{n}", gender="M", birth_date=dt.date(1970, 1, 1),
           education="bachelor", joined_on=dt.date(2000, 7, 1), id_number=f"3306211970010{n:04d}X",
           id_number_digest=id_number_digest(f"3306211970010{n:04d}X"),
           status="full") for n in range(2000)])
homes = Household.objects.bulk_create([Household(grid=grids[n % len(grids)], address=f"基准路{n}号",
                                                 address_digest=f"hh{n}", building=f"{n % 40}幢")
                                       for n in range(households)], batch_size=2000)
password = make_password("bench-pass")
street_user = User.objects.create(username="bench_street", role="street", organization=street, password=password)
secretary = User.objects.create(username="bench_secretary", role="secretary", organization=communities[0],
                                password=password)
HouseholdLink.objects.bulk_create([
    HouseholdLink(member=members[(n * 7) % len(members)], household=h, since=dt.date(2025, 1, 1),
                  created_by=street_user) for n, h in enumerate(homes) if n % 5 < 3], batch_size=2000)
codes = [c.code for c in load_catalogue().categories]
limits = {c.code: c.time_limit_days for c in load_catalogue().categories}
cal = WorkCalendar()
today = timezone.localdate()
STATES = (["followed_up"] * 55 + ["closed"] * 12 + ["handling"] * 10 + ["dispatched"] * 5 + ["registered"] * 5
          + ["received"] * 3 + ["fed_back"] * 4 + ["checked"] * 3 + ["not_registered"] * 3)
deadlines = {}
batch = []
for n in range(cases):
    day = today - dt.timedelta(days=int(rng.random() ** 1.3 * 365))
    received = dt.datetime.combine(day, dt.time(8 + n % 10), tzinfo=LOCAL_TZ)
    state = rng.choice(STATES)
    category = codes[int(rng.random() ** 2 * len(codes))]
    key = (day, limits[category])
    if key not in deadlines:
        deadlines[key] = cal.deadline(day, limits[category])
    deadline = deadlines[key] if state not in ("received", "not_registered") else None
    closed = None
    if state in ("closed", "followed_up") and deadline is not None:
        closed = received + dt.timedelta(days=rng.randint(0, limits[category] + 3))
    satisfaction = rng.choice(["satisfied"] * 7 + ["basically"] * 2 + ["dissatisfied"]) if state == "followed_up" else ""
    grid = grids[int(rng.random() ** 1.5 * len(grids))]
    batch.append(ServiceCase(number=f"B{n:09d}", community_id=grid.community_id, grid=grid, category=category,
                             source="staff", title="基准案件", description="基准", state=state, received_at=received,
                             deadline=deadline, started_on=day if deadline else None, closed_at=closed,
                             satisfaction=satisfaction, reporter_digest=f"r{rng.randint(0, cases // 3)}",
                             address=f"基准路{rng.randint(0, households)}号"))
    if len(batch) == 5000:
        ServiceCase.objects.bulk_create(batch)
        batch = []
ServiceCase.objects.bulk_create(batch)
with connection.cursor() as cursor:
    cursor.execute("ANALYZE")
seeded = time.perf_counter() - started
queries = {}
for label, user, url in (("street", street_user, "/grid/dashboard/"), ("community", secretary, "/grid/dashboard/")):
    client = Client()
    client.force_login(user)
    client.get(url)  # warm
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (label, response.status_code)
    slowest = sorted(ctx.captured_queries, key=lambda q: -float(q["time"]))[:3]
    queries[label] = {"count": len(ctx.captured_queries),
                      "slowest": [[float(q["time"]) * 1000, q["sql"][:300]] for q in slowest]}
json.dump({"seed_s": seeded, "queries": queries}, open(out, "w"))
"""


def _session(host: str, username: str) -> requests.Session:
    session = requests.Session()
    session.get(f"{host}/accounts/login/", timeout=30)
    token = session.cookies.get("csrftoken", "")
    response = session.post(f"{host}/accounts/login/", timeout=30, allow_redirects=False,
                            data={"username": username, "password": "bench-pass", "csrfmiddlewaretoken": token,
                                  "next": "/"}, headers={"Referer": f"{host}/accounts/login/"})
    if response.status_code != 302 or "/accounts/" in response.headers.get("Location", ""):
        raise SystemExit(f"{username} could not log in: {response.status_code}")
    return session


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--households", type=int, default=20_000)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--think", type=float, nargs=2, default=(1.0, 3.0), metavar=("MIN", "MAX"),
                        help="seconds a user waits between requests (uniform, as in benchmarks/load)")
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--keep-alive", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.quick:
        args.households, args.cases, args.users, args.seconds = 2_000, 10_000, 20, 20
    bench = Bench(args)
    try:
        import os

        url = os.environ.get("DATABASE_URL") or bench.start_postgres()
        bench.env.update({
            "DATABASE_URL": url, "PINGXING_ENV": "development", "PINGXING_DEBUG": "0",
            "PINGXING_ALLOWED_HOSTS": "127.0.0.1,testserver", "PINGXING_DATA_DIR": str(bench.tmp / "data"),
            "PINGXING_LOG_LEVEL": "WARNING", "DJANGO_SETTINGS_MODULE": "pingxing.settings",
            "PINGXING_REQUIRE_STAFF_2FA": "0",
        })
        bench.manage("migrate", "-v", "0")
        seed_out = bench.tmp / "seed.json"
        subprocess.run([sys.executable, "-c", SEED, str(args.households), str(args.cases), str(seed_out)],
                       env=bench.env, check=True, cwd=ROOT)
        seeded = json.loads(seed_out.read_text())
        bench.start_server()
        host = bench.host
        users = [("street", _session(host, "bench_street")) if n % 2 == 0 else
                 ("community", _session(host, "bench_secretary")) for n in range(args.users)]
        times: dict[str, list[float]] = {"street": [], "community": []}
        errors: list[str] = []
        lock = threading.Lock()
        stop_at = time.monotonic() + args.seconds

        def run(user: tuple[str, requests.Session], n: int) -> None:
            label, session = user
            rng = random.Random(n)
            time.sleep(args.think[1] * n / max(1, args.users))  # spread the first requests
            while time.monotonic() < stop_at:
                started = time.perf_counter()
                try:
                    response = session.get(f"{host}/grid/dashboard/", timeout=60)
                    ok = response.status_code == 200 and 'id="fig-total"' in response.text
                    problem = "" if ok else f"status {response.status_code}"
                except requests.RequestException as error:
                    problem = type(error).__name__
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    (errors.append(problem) if problem else times[label].append(elapsed))
                time.sleep(rng.uniform(*args.think))

        with ThreadPoolExecutor(max_workers=args.users) as pool:
            list(pool.map(run, users, range(args.users)))
        print(f"\n{args.households} households, {args.cases} cases, 1 street of 20 communities × 10 grids; "
              f"seeded in {seeded['seed_s']:.0f} s; {args.users} users for {args.seconds:.0f} s "
              f"(think {args.think[0]:.0f}–{args.think[1]:.0f} s), gunicorn {args.workers}×{args.threads}, PostgreSQL")
        ok = not errors
        for label in ("street", "community"):
            values = times[label]
            p95 = _percentile(values, 95)
            ok = ok and p95 < P95_TARGET_MS
            q = seeded["queries"][label]
            print(f"{label} dashboard: {len(values)} requests · p50 {_percentile(values, 50):.0f} ms · p95 {p95:.0f} ms"
                  f" · p99 {_percentile(values, 99):.0f} ms · max {max(values, default=0):.0f} ms · "
                  f"{q['count']} queries a request (goal p95 < {P95_TARGET_MS:.0f} ms: "
                  f"{'met' if p95 < P95_TARGET_MS else 'MISSED'})")
            for ms, sql in q["slowest"]:
                print(f"    {ms:7.1f} ms  {sql}")
        print(f"errors: {len(errors)} {sorted(set(errors))[:5]}")
        return 0 if ok else 1
    finally:
        bench.stop()


if __name__ == "__main__":
    sys.exit(main())
