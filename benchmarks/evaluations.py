"""Load benchmark of the democratic evaluation (issue 10): a street-wide evening of voters
casting through `pingxing serve` on PostgreSQL, then the tally.

    uv run python benchmarks/evaluations.py            # 3,000 voters within 10 minutes, 60 members
    uv run python benchmarks/evaluations.py --quick    # 300 voters within 1 minute

Starts a throwaway PostgreSQL cluster (unless DATABASE_URL is set), migrates, creates one
organization with 60 members on the roll in balloting and one voting code per voter, starts
gunicorn, and lets each voter do what a phone does: open the code page, open the ballot with
the code, grade all 60 members and cast. Arrivals are spread evenly over the window; each voter
runs in a thread of a pool. Prints p50/p95/p99 of the cast request (goal p95 < 300 ms), errors,
and checks that exactly one ballot per voter was stored (0 lost, 0 duplicated); then closes the
evaluation and times the tally of all ballots × 60 members from the ballot table.
Not part of the pytest suite.
"""

from __future__ import annotations

import argparse
import json
import random
import re
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
GRADES = ["excellent", "qualified", "qualified", "qualified", "basically_qualified"]

SEED = r"""
import json, sys, django
django.setup()
from django.utils import timezone
from pingxing.accounts.models import User
from pingxing.evaluations import services
from pingxing.members.models import Member, id_number_digest
from pingxing.orgs.services import org_create
import datetime as dt
members, voters, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
county = org_create(code="B0", name="基准县委组织部", level="county", parent=None, by=None, audit=False)
street = org_create(code="B1", name="基准街道党工委", level="street", parent=county, by=None, audit=False)
org = org_create(code="B2", name="基准社区党委", level="organization", kind="community", form="committee",
                 parent=street, by=None, audit=False)
for n in range(members):
    number = f"33062119700101{n:03d}"
    Member.objects.create(organization=org, name=f"党员{n:02d}", gender="M", birth_date=dt.date(1970, 1, 1),
                          education="bachelor", joined_on=dt.date(2000, 7, 1), id_number=number + "X",
                          id_number_digest=id_number_digest(number + "X"), status="full")
secretary = User.objects.create(username="bench_secretary", role="secretary", organization=org)
evaluation = services.evaluation_create(organization=org, year=timezone.localdate().year, by=secretary)
evaluation = services.evaluation_advance(evaluation=evaluation, by=secretary)
evaluation = services.evaluation_advance(evaluation=evaluation, by=secretary)
codes = []
while len(codes) < voters:
    codes += services.codes_issue(evaluation=evaluation, count_=min(500, voters - len(codes)), by=secretary)
json.dump({"evaluation": evaluation.pk, "codes": codes}, open(out, "w"))
"""

CHECK = r"""
import json, sys, time, django
django.setup()
from pingxing.accounts.models import User
from pingxing.evaluations import queries, services
from pingxing.evaluations.models import Ballot, CastRecord, Evaluation, Tracker
evaluation = Evaluation.objects.get(pk=int(sys.argv[1]))
counts = {"ballots": Ballot.objects.count(), "cast": CastRecord.objects.count(), "trackers": Tracker.objects.count()}
secretary = User.objects.get(username="bench_secretary")
started = time.perf_counter()
closed = services.evaluation_advance(evaluation=evaluation, by=secretary)
counts["close_and_shuffle_s"] = time.perf_counter() - started
started = time.perf_counter()
result = queries.evaluation_count(closed)
counts["tally_s"] = time.perf_counter() - started
counts["tallied_ballots"] = sum(result.ballots.values())
counts["members"] = len(result.tallies)
print(json.dumps(counts))
"""


def _voter(host: str, code: str, rng: random.Random) -> tuple[float, str]:
    """One phone: returns (ms of the cast request, "" or what went wrong)."""
    session = requests.Session()
    page = session.get(f"{host}/evaluations/v/", timeout=30)
    token = session.cookies.get("csrftoken", "")
    ballot = session.post(f"{host}/evaluations/v/", data={"csrfmiddlewaretoken": token, "code": code},
                          headers={"Referer": f"{host}/evaluations/v/"}, timeout=30)
    if page.status_code != 200 or ballot.status_code != 200:
        return 0.0, f"open {page.status_code}/{ballot.status_code}"
    key = re.search(r'name="request_key" value="([^"]+)"', ballot.text)
    entries = sorted(set(re.findall(r'name="g_(\d+)"', ballot.text)))
    if key is None or not entries:
        return 0.0, "no ballot form"
    data = {"csrfmiddlewaretoken": token, "code": code, "request_key": key.group(1)}
    data.update({f"g_{e}": rng.choice(GRADES) for e in entries})
    started = time.perf_counter()
    cast = session.post(f"{host}/evaluations/v/", data=data, headers={"Referer": f"{host}/evaluations/v/"},
                        timeout=30)
    elapsed = (time.perf_counter() - started) * 1000
    if cast.status_code != 200 or 'id="receipt-code"' not in cast.text:
        return elapsed, f"cast {cast.status_code}"
    return elapsed, ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--voters", type=int, default=3000)
    parser.add_argument("--members", type=int, default=60)
    parser.add_argument("--window", type=float, default=600, help="seconds over which voters arrive")
    parser.add_argument("--concurrency", type=int, default=40)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--keep-alive", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.quick:
        args.voters, args.window = 300, 60
    bench = Bench(args)
    try:
        url = bench.start_postgres()
        bench.env.update({
            "DATABASE_URL": url, "PINGXING_ENV": "development", "PINGXING_DEBUG": "0",
            "PINGXING_ALLOWED_HOSTS": "127.0.0.1", "PINGXING_DATA_DIR": str(bench.tmp / "data"),
            "PINGXING_LOG_LEVEL": "WARNING", "DJANGO_SETTINGS_MODULE": "pingxing.settings",
        })
        bench.manage("migrate", "-v", "0")
        seed_out = bench.tmp / "codes.json"
        subprocess.run([sys.executable, "-c", SEED, str(args.members), str(args.voters), str(seed_out)],
                       env=bench.env, check=True, cwd=ROOT)
        seeded = json.loads(seed_out.read_text())
        bench.start_server()
        results: list[tuple[float, str]] = []
        lock = threading.Lock()
        start = time.monotonic()
        gap = args.window / max(1, args.voters)

        def arrive(n_code: tuple[int, str]) -> None:
            n, code = n_code
            wait = start + n * gap - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            try:
                outcome = _voter(bench.host, code, random.Random(n))
            except requests.RequestException as error:
                outcome = (0.0, type(error).__name__)
            with lock:
                results.append(outcome)

        with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
            list(pool.map(arrive, enumerate(seeded["codes"])))
        wall = time.monotonic() - start
        times = [ms for ms, problem in results if not problem]
        errors = [problem for _, problem in results if problem]
        check = subprocess.run([sys.executable, "-c", CHECK, str(seeded["evaluation"])], env=bench.env,
                               check=True, cwd=ROOT, capture_output=True, text=True)
        counts = json.loads(check.stdout.strip().splitlines()[-1])
        p95 = _percentile(times, 95)
        print(f"\n{args.voters} voters, {args.members} members on the roll, arrivals over {args.window:.0f} s "
              f"(took {wall:.0f} s), gunicorn {args.workers}×{args.threads}, PostgreSQL")
        print(f"cast request: p50 {_percentile(times, 50):.0f} ms · p95 {p95:.0f} ms · p99 "
              f"{_percentile(times, 99):.0f} ms · max {max(times, default=0):.0f} ms "
              f"(goal p95 < {P95_TARGET_MS:.0f} ms: {'met' if p95 < P95_TARGET_MS else 'MISSED'}, "
              f"{p95 / P95_TARGET_MS:.2f}× the goal)")
        print(f"errors: {len(errors)} {sorted(set(errors))[:5]}")
        lost = args.voters - len(errors) - counts["ballots"]
        print(f"stored: {counts['ballots']} ballots, {counts['cast']} has-voted rows, {counts['trackers']} receipts "
              f"→ lost {max(lost, 0)}, duplicated {max(-lost, 0)}")
        print(f"close (shuffle of {counts['ballots']} ballots): {counts['close_and_shuffle_s']:.2f} s; "
              f"tally of {counts['tallied_ballots']} ballots × {counts['members']} members: {counts['tally_s']:.2f} s")
        ok = p95 < P95_TARGET_MS and not errors and lost == 0 and counts["ballots"] == counts["cast"]
        return 0 if ok else 1
    finally:
        bench.stop()


if __name__ == "__main__":
    sys.exit(main())
