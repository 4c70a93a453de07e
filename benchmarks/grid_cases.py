"""Scale benchmark of the service-case list (issue 12): a street with 20,000 households and
100,000 cases on PostgreSQL, the staff list `grid:cases` with several filter combinations under
50 concurrent simulated users.

    uv run python benchmarks/grid_cases.py             # 20,000 households, 100,000 cases, 50 users
    uv run python benchmarks/grid_cases.py --quick     # 2,000 households, 10,000 cases, 20 users

Starts a throwaway PostgreSQL cluster (unless DATABASE_URL is set: then that database is used
and must be empty), migrates, generates the street in bulk (one street, 20 communities of 10
grids, a year of cases in every state with their deadlines and warning-light dates; timeline
steps for a sample), counts the queries of each filtered list with Django's test client,
starts gunicorn, logs in 50 users (half the street, half a community's secretary) and lets
each page through filtered lists in a loop. Prints p50/p95/p99 per filter, the queries per
request and the time of one request with the server to itself ("alone", Django's test client
in one process: what a request costs, without queueing). Goal p95 < 300 ms. Not part of the
pytest suite.
"""

from __future__ import annotations

import argparse
import json
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
FILTERS = {
    "all": "",
    "state": "?state=handling",
    "red": "?light=red",
    "yellow+category": "?light=yellow&category=streetlight",
    "grid+source": "?grid={grid}&source=resident",
    "search": "?q=B000012",
    "page 40": "?state=followed_up&page=40",
}

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
from pingxing.grid.models import Grid, Household
from pingxing.grid.models_cases import CaseStep, ServiceCase
from pingxing.grid.services_cases import yellow_on
from pingxing.orgs.services import org_create

households, cases, out, filters = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], json.loads(sys.argv[4])
rng = random.Random(12)
started = time.perf_counter()
county = org_create(code="G0", name="基准县委组织部", level="county", parent=None, by=None, audit=False)
street = org_create(code="G1", name="基准街道党工委", level="street", parent=county, by=None, audit=False)
communities = [org_create(code=f"G1{n:02d}", name=f"基准{n}社区党委", level="organization", kind="community",
                          form="committee", parent=street, by=None, audit=False) for n in range(20)]
grids = Grid.objects.bulk_create([Grid(community=c, level="large", code=f"{c.code}-{g:02d}", name=f"{c.name[2:]}{g}网格")
                                  for c in communities for g in range(10)])
Household.objects.bulk_create([Household(grid=grids[n % len(grids)], address=f"基准路{n}号", address_digest=f"hh{n}",
                                         building=f"{n % 40}幢") for n in range(households)], batch_size=2000)
password = make_password("bench-pass")
street_user = User.objects.create(username="bench_street", role="street", organization=street, password=password)
secretary = User.objects.create(username="bench_secretary", role="secretary", organization=communities[0],
                                password=password)
codes = [c.code for c in load_catalogue().categories]
limits = {c.code: c.time_limit_days for c in load_catalogue().categories}
cal = WorkCalendar()
today = timezone.localdate()
STATES = (["followed_up"] * 55 + ["closed"] * 12 + ["handling"] * 10 + ["dispatched"] * 5 + ["registered"] * 5
          + ["received"] * 3 + ["fed_back"] * 4 + ["checked"] * 3 + ["not_registered"] * 3)
SOURCES = ["staff"] * 4 + ["visit"] * 3 + ["resident"] * 2 + ["open311", "hotline"]
dates = {}
batch = []
for n in range(cases):
    day = today - dt.timedelta(days=int(rng.random() ** 1.3 * 365))
    received = dt.datetime.combine(day, dt.time(8 + n % 10), tzinfo=LOCAL_TZ)
    state = rng.choice(STATES)
    category = codes[int(rng.random() ** 2 * len(codes))]
    key = (day, limits[category])
    if key not in dates:
        end = cal.deadline(day, limits[category])
        dates[key] = (end, yellow_on(cal, day, end))
    deadline, yellow = dates[key] if state not in ("received", "not_registered") else (None, None)
    grid = grids[int(rng.random() ** 1.5 * len(grids))]
    batch.append(ServiceCase(number=f"B{n:09d}", community_id=grid.community_id, grid=grid, category=category,
                             source=rng.choice(SOURCES), title=f"基准案件{n}", description="基准", state=state,
                             received_at=received, deadline=deadline, yellow_on=yellow,
                             started_on=day if deadline else None, address=f"基准路{rng.randint(0, households)}号"))
    if len(batch) == 5000:
        ServiceCase.objects.bulk_create(batch)
        batch = []
ServiceCase.objects.bulk_create(batch)
sample = list(ServiceCase.objects.order_by("?").values_list("pk", "received_at", "state")[:2000])
CaseStep.objects.bulk_create([CaseStep(case_id=pk, action="receive", to_state="received", actor_role="dispatcher",
                                       at=at) for pk, at, _state in sample], batch_size=2000)
with connection.cursor() as cursor:
    cursor.execute("ANALYZE")
seeded = time.perf_counter() - started
queries = {}
for label, user in (("street", street_user), ("community", secretary)):
    client = Client()
    client.force_login(user)
    for name, params in filters.items():
        url = "/grid/cases/" + params.format(grid=grids[0].pk)
        client.get(url)  # warm
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200, (label, name, response.status_code)
        slowest = max(ctx.captured_queries, key=lambda q: float(q["time"]))
        count = len(ctx.captured_queries)  # read before the next request resets the log
        alone = []
        for _ in range(5):  # one user alone: what a request costs the server
            t = time.perf_counter()
            client.get(url)
            alone.append((time.perf_counter() - t) * 1000)
        queries[f"{label} {name}"] = {"count": count, "alone_ms": sorted(alone)[2],
                                      "slowest": [float(slowest["time"]) * 1000, slowest["sql"][:200]]}
json.dump({"seed_s": seeded, "queries": queries, "grid": grids[0].pk}, open(out, "w"))
if len(sys.argv) > 5 and sys.argv[5] == "profile":  # where one request's time goes (--profile)
    import cProfile, pstats
    client = Client()
    client.force_login(street_user)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(30):
        client.get("/grid/cases/")
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)
    pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
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
    parser.add_argument("--think", type=float, default=1.0, help="seconds a user waits between requests")
    parser.add_argument("--port", type=int, default=8767)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--profile", action="store_true", help="print a profile of 30 list requests and stop")
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
        subprocess.run([sys.executable, "-c", SEED, str(args.households), str(args.cases), str(seed_out),
                        json.dumps(FILTERS), *(["profile"] if args.profile else [])],
                       env=bench.env, check=True, cwd=ROOT)
        if args.profile:
            return 0
        seeded = json.loads(seed_out.read_text())
        urls = {name: "/grid/cases/" + params.format(grid=seeded["grid"]) for name, params in FILTERS.items()}
        names = list(urls)
        bench.start_server()
        host = bench.host
        users = [("street", _session(host, "bench_street")) if n % 2 == 0 else
                 ("community", _session(host, "bench_secretary")) for n in range(args.users)]
        times: dict[str, list[float]] = {f"{who} {name}": [] for who in ("street", "community") for name in names}
        errors: list[str] = []
        lock = threading.Lock()
        stop_at = time.monotonic() + args.seconds

        def run(user: tuple[str, requests.Session], n: int) -> None:
            label, session = user
            time.sleep(args.think * n / max(1, args.users))  # spread the first requests
            turn = n
            while time.monotonic() < stop_at:
                name = names[turn % len(names)]
                turn += 1
                started = time.perf_counter()
                try:
                    response = session.get(host + urls[name], timeout=60)
                    ok = response.status_code == 200 and 'id="case-list"' in response.text
                    problem = "" if ok else f"status {response.status_code}"
                except requests.RequestException as error:
                    problem = type(error).__name__
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    (errors.append(problem) if problem else times[f"{label} {name}"].append(elapsed))
                time.sleep(args.think)

        with ThreadPoolExecutor(max_workers=args.users) as pool:
            list(pool.map(run, users, range(args.users)))
        print(f"\n{args.households} households, {args.cases} cases, 1 street of 20 communities × 10 grids; "
              f"seeded in {seeded['seed_s']:.0f} s; {args.users} users for {args.seconds:.0f} s "
              f"(think {args.think:.1f} s), gunicorn {args.workers}×{args.threads}, PostgreSQL")
        every = [ms for values in times.values() for ms in values]
        overall = _percentile(every, 95)
        for label, values in times.items():
            q = seeded["queries"][label]
            print(f"{label:26} {len(values):5} requests · p50 {_percentile(values, 50):4.0f} ms · p95 "
                  f"{_percentile(values, 95):4.0f} ms · p99 {_percentile(values, 99):4.0f} ms · "
                  f"{q['count']} queries (slowest {q['slowest'][0]:.1f} ms) · alone {q['alone_ms']:.0f} ms")
        print(f"all lists: p50 {_percentile(every, 50):.0f} ms · p95 {overall:.0f} ms "
              f"(goal p95 < {P95_TARGET_MS:.0f} ms: {'met' if overall < P95_TARGET_MS else 'MISSED'})")
        print(f"errors: {len(errors)} {sorted(set(errors))[:5]}")
        return 0 if overall < P95_TARGET_MS and not errors else 1
    finally:
        bench.stop()


if __name__ == "__main__":
    sys.exit(main())
