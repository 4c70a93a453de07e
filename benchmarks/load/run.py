"""Load benchmark of the campaign pages (issue 4): `pingxing serve` on PostgreSQL.

    uv run python benchmarks/load/run.py            # 2,000 organizations, 50 users, 2 minutes
    uv run python benchmarks/load/run.py --quick    # smoke run: 200 organizations, 20 users, 20 s

Starts a throwaway PostgreSQL cluster (unless DATABASE_URL is set), migrates, seeds
(seed.py), collects static files, starts `pingxing serve` (gunicorn), then runs locust
headless twice:

1. the mix: county dashboard, street page, declaration page, public notice, users
   waiting 1–3 s between requests, after a short warm-up whose figures are dropped;
   pass = p95 of all page requests < 300 ms and no failed request. Each user logs in
   first: logins are timed and must not fail, but are not in the pages' figures;
2. saturation of the public notice page: users with no wait, in steps; the highest
   requests/s of a step with no failure.

Each request opens a new connection (as behind a reverse proxy); --keep-alive reuses
connections, which exposes the race with gunicorn's 2 s keep-alive (see locustfile).

Prints the figures, exits 1 when the mix misses its target, stops what it started.
Not part of the pytest suite.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PGBIN = Path("/usr/lib/postgresql/15/bin")
PG_PORT = 55440
MIX_CLASSES = ["CountyUser", "StreetUser", "SecretaryUser", "Resident"]
P95_TARGET_MS = 300.0
LOGIN_NAMES = ("login", "login form")


def _percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 100))
    return ordered[int(rank) - 1]


def _summary(samples: list[list]) -> dict[str, dict[str, float]]:
    by_name: dict[str, list[list]] = defaultdict(list)
    for sample in samples:
        by_name[sample[0]].append(sample)
    rows = {name: _row(items) for name, items in sorted(by_name.items())}
    pages = [s for s in samples if s[0] not in LOGIN_NAMES]
    rows["ALL PAGES"] = _row(pages)
    return rows


def _row(items: list[list]) -> dict[str, float]:
    times = [s[2] for s in items]
    span = (max(s[1] + s[2] / 1000 for s in items) - min(s[1] for s in items)) if items else 0.0
    return {
        "requests": len(items), "failures": sum(1 for s in items if s[3]),
        "median": _percentile(times, 50), "p95": _percentile(times, 95), "p99": _percentile(times, 99),
        "max": max(times, default=0.0), "rps": len(items) / span if span else 0.0,
    }


def _print_table(title: str, rows: dict[str, dict[str, float]]) -> None:
    print(f"\n{title}")
    print(f"  {'endpoint':<18} {'requests':>8} {'fail':>5} {'median':>8} {'p95':>8} {'p99':>8} {'max':>8} {'req/s':>7}")
    for name, r in rows.items():
        print(f"  {name:<18} {r['requests']:>8} {r['failures']:>5} {r['median']:>6.0f}ms {r['p95']:>6.0f}ms "
              f"{r['p99']:>6.0f}ms {r['max']:>6.0f}ms {r['rps']:>7.1f}")
    sys.stdout.flush()


def _read_samples(path: Path) -> list[list]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


class Bench:
    """Everything the run starts, so that everything is stopped at the end."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.tmp = Path(tempfile.mkdtemp(prefix="pingxing-bench-"))
        self.pgdata: Path | None = None
        self.server: subprocess.Popen | None = None
        self.env = dict(os.environ)

    # --- services -------------------------------------------------------------------
    def start_postgres(self) -> str:
        self.pgdata = self.tmp / "pg"
        self.pgdata.mkdir()
        shutil.chown(self.tmp, "postgres")
        shutil.chown(self.pgdata, "postgres")
        options = (f"-p {PG_PORT} -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
        self._as_postgres(f"{PGBIN}/initdb -D {self.pgdata} -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null")
        self._as_postgres(f"{PGBIN}/pg_ctl -D {self.pgdata} -o '{options}' -w -l {self.pgdata}/log start >/dev/null")
        self._as_postgres(f"{PGBIN}/createdb -h 127.0.0.1 -p {PG_PORT} -U postgres pingxing")
        return f"postgres://postgres@127.0.0.1:{PG_PORT}/pingxing"

    def _as_postgres(self, command: str) -> None:
        subprocess.run(["su", "postgres", "-s", "/bin/sh", "-c", command], check=True)

    def start_server(self) -> None:
        if _port_open(self.args.port):
            raise SystemExit(f"port {self.args.port} is already in use")
        log = open(self.tmp / "server.log", "w")  # noqa: SIM115 - closed with the process
        self.server = subprocess.Popen(
            [sys.executable, "-m", "pingxing.cli", "serve", "--bind", f"127.0.0.1:{self.args.port}",
             "--workers", str(self.args.workers), "--threads", str(self.args.threads)],
            env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True, cwd=ROOT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.server.poll() is not None:
                raise SystemExit(f"server exited; see {self.tmp / 'server.log'}")
            try:
                with urllib.request.urlopen(f"{self.host}/public/notice/", timeout=5) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.5)
        raise SystemExit("server did not answer within 60 s")

    @property
    def host(self) -> str:
        return f"http://127.0.0.1:{self.args.port}"

    def stop(self) -> None:
        if self.server is not None and self.server.poll() is None:
            os.killpg(self.server.pid, signal.SIGTERM)  # gunicorn's master and its workers
            try:
                self.server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.server.pid, signal.SIGKILL)
        if self.pgdata is not None:
            subprocess.run(["su", "postgres", "-s", "/bin/sh", "-c",
                            f"{PGBIN}/pg_ctl -D {self.pgdata} -m fast stop >/dev/null"], check=False)
        if self.args.keep:
            print(f"kept {self.tmp}")
        else:
            shutil.rmtree(self.tmp, ignore_errors=True)

    # --- steps ----------------------------------------------------------------------
    def manage(self, *argv: str) -> None:
        subprocess.run([sys.executable, "-m", "pingxing.cli", *argv], env=self.env, check=True, cwd=ROOT)

    def prepare(self) -> Path:
        url = os.environ.get("DATABASE_URL") or self.start_postgres()
        self.env.update({
            "DATABASE_URL": url, "PINGXING_ENV": "development", "PINGXING_DEBUG": "0",
            "PINGXING_ALLOWED_HOSTS": "127.0.0.1", "PINGXING_REQUIRE_STAFF_2FA": "0",
            "PINGXING_DATA_DIR": str(self.tmp / "data"), "PINGXING_LOG_LEVEL": "WARNING",
            "DJANGO_SETTINGS_MODULE": "pingxing.settings",
            "PINGXING_BENCH_KEEPALIVE": "1" if self.args.keep_alive else "0",
        })
        manifest = self.tmp / "manifest.json"
        started = time.monotonic()
        self.manage("migrate", "-v", "0")
        print(f"migrated in {time.monotonic() - started:.1f}s")
        subprocess.run([sys.executable, str(HERE / "seed.py"), "--per-street", str(self.args.per_street),
                        "--streets", str(self.args.streets), "--out", str(manifest)],
                       env=self.env, check=True, cwd=ROOT)
        self.manage("collectstatic", "--noinput", "-v", "0")
        self.env["PINGXING_BENCH_MANIFEST"] = str(manifest)
        return manifest

    def locust(self, label: str, classes: list[str], users: int, rate: int, duration: str) -> list[list]:
        samples = self.tmp / f"{label}.jsonl"
        env = {**self.env, "PINGXING_BENCH_SAMPLES": str(samples)}
        with open(self.tmp / f"{label}.log", "w") as log:
            subprocess.run(
                [sys.executable, "-m", "locust", "-f", str(HERE / "locustfile.py"), "--headless",
                 "-u", str(users), "-r", str(rate), "-t", duration, "--host", self.host,
                 "--csv", str(self.tmp / label), "--only-summary", "--loglevel", "WARNING", *classes],
                env=env, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT, check=False,
            )
        return _read_samples(samples)


def _port_open(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _load(args: argparse.Namespace) -> int:
    bench = Bench(args)
    try:
        manifest = json.loads(bench.prepare().read_text(encoding="utf-8"))
        bench.start_server()
        print(f"\nserver: pingxing serve, {args.workers} workers × {args.threads} threads; "
              f"{manifest['organizations']} organizations ({manifest['communities']} communities), "
              f"{manifest['on_notice']} cases on public notice; machine: {os.cpu_count()} cores, "
              f"load average {os.getloadavg()[0]:.2f}; "
              f"{'keep-alive connections' if args.keep_alive else 'a new connection per request'}")
        # A server that has just started compiles templates and fills its caches on the first
        # requests of each worker: warm it up with a short mix whose figures are discarded.
        bench.locust("warmup", MIX_CLASSES, args.users, args.rate, args.warmup)
        print(f"mix: {args.users} users (spawn {args.rate}/s), wait 1–3 s, {args.duration} "
              f"(after a {args.warmup} warm-up) …")
        samples = bench.locust("mix", MIX_CLASSES, args.users, args.rate, args.duration)
        mix = _summary(samples)
        _print_table(f"MIX — {args.users} users, {args.duration} (logins timed apart, not in ALL PAGES)", mix)
        logged_in = max((s[1] + s[2] / 1000 for s in samples if s[0] in LOGIN_NAMES), default=0.0)
        steady = _summary([s for s in samples if s[1] >= logged_in and s[0] not in LOGIN_NAMES])
        _print_table("  the same, from the moment every user had logged in (ramp-up left out)", steady)

        steps = []
        for users in args.saturation_steps:
            samples = bench.locust(f"sat{users}", ["NoticeSaturation"], users, users, args.saturation_time)
            first = min((s[1] for s in samples), default=0.0)
            steady = [s for s in samples if s[1] >= first + 2]  # skip the ramp-up
            steps.append((users, _row(steady)))
        print(f"\nSATURATION — public notice, no wait, {args.saturation_time} per step (first 2 s not counted)")
        print(f"  {'users':>6} {'requests':>8} {'fail':>5} {'median':>8} {'p95':>8} {'req/s':>7}")
        for users, r in steps:
            print(f"  {users:>6} {r['requests']:>8} {r['failures']:>5} {r['median']:>6.0f}ms {r['p95']:>6.0f}ms "
                  f"{r['rps']:>7.1f}")
        clean = [r["rps"] for _u, r in steps if r["failures"] == 0 and r["requests"]]
        saturation = max(clean, default=0.0)

        total = mix["ALL PAGES"]
        ok = total["requests"] > 0 and total["failures"] == 0 and total["p95"] < P95_TARGET_MS
        logins_failed = sum(r["failures"] for name, r in mix.items() if name in LOGIN_NAMES)
        print(f"\nRESULT: pages p95 {total['p95']:.0f} ms (target < {P95_TARGET_MS:.0f}), "
              f"{total['failures']} failed of {total['requests']} page requests, {logins_failed} failed logins; "
              f"public notice saturation {saturation:.0f} req/s with 0 failures — {'PASS' if ok else 'FAIL'}")
        return 0 if ok and logins_failed == 0 else 1
    finally:
        bench.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smoke run: 200 organizations, 20 users, 20 s")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (logs, CSV)")
    parser.add_argument("--keep-alive", action="store_true",
                        help="reuse connections (default: one per request, as behind a reverse proxy)")
    args = parser.parse_args(argv)
    args.streets = 10
    if args.quick:
        args.per_street, args.users, args.rate, args.duration, args.warmup = 20, 20, 10, "20s", "5s"
        args.saturation_steps, args.saturation_time = [20, 50], "10s"
    else:
        args.per_street, args.users, args.rate, args.duration, args.warmup = 200, 50, 10, "2m", "15s"
        args.saturation_steps, args.saturation_time = [20, 50, 100, 200], "20s"
    return _load(args)


if __name__ == "__main__":
    sys.exit(main())
