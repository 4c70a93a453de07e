"""kill -9 drill: the care fund's ledger survives its database server dying mid-posting.

A throwaway PostgreSQL cluster of its own (initdb into a temporary directory, a free port, run as
the ``postgres`` user when the tests run as root) is migrated and given a fund; a client process
posts a known sequence of donations and payouts from several threads; midway the postmaster and
every backend are killed with SIGKILL. After the restart (crash recovery) every posting the client
was told about is there and the books balance; then the client sends the whole sequence again, as
a client that lost its answers would, and in the end every key is posted exactly once and the bank
holds exactly what the sequence says. Client steps run this file as a script (see the bottom).

Runs in the PostgreSQL pass of the suite, and only where the server binaries are installed.
"""

from __future__ import annotations

import contextlib
import json
import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest

PGBIN = Path("/usr/lib/postgresql/15/bin")
GIFT = 1_000_000  # fen, posted before the drill: more than all the payouts together
OPERATIONS = 360
WORKERS = 8
HUGE = 10**9  # a payout the bank never holds: refused every time, before and after the crash


def _vendor() -> str:
    from django.db import connection

    return connection.vendor


if __name__ != "__main__":
    pytestmark = [
        pytest.mark.skipif(_vendor() != "postgresql", reason="the kill -9 drill runs in the PostgreSQL pass"),
        pytest.mark.skipif(not (PGBIN / "initdb").exists(), reason=f"no PostgreSQL server binaries in {PGBIN}"),
    ]


def operations() -> list[dict[str, Any]]:
    """The client's sequence: known keys, amounts that never overdraw in any order, and a few
    payouts that always do."""
    ops: list[dict[str, Any]] = []
    for i in range(OPERATIONS):
        if i % 45 == 44:
            ops.append({"key": f"crash-{i}", "kind": "disbursement", "amount": HUGE, "purpose": "startup"})
        elif i % 3 == 0:
            ops.append({"key": f"crash-{i}", "kind": "donation", "amount": 500 + i})
        else:
            ops.append({"key": f"crash-{i}", "kind": "disbursement", "amount": 300 + i,
                        "purpose": ("hardship", "startup")[i % 2]})
    return ops


def expected_bank() -> int:
    ops = operations()
    donated = sum(op["amount"] for op in ops if op["kind"] == "donation")
    paid = sum(op["amount"] for op in ops if op["kind"] == "disbursement" and op["amount"] != HUGE)
    assert paid < GIFT  # so no order of the payouts can overdraw
    return GIFT + donated - paid


# ------------------------------------------------------------------------------- the cluster

class Cluster:
    """A PostgreSQL cluster in a temporary directory, on a free port."""

    def __init__(self) -> None:
        self.base = Path(tempfile.mkdtemp(prefix="pingxing-crash-"))
        self.data = self.base / "pg"
        self.root = os.geteuid() == 0
        if self.root:  # initdb refuses root: the cluster belongs to the postgres user
            import pwd

            entry = pwd.getpwnam("postgres")
            os.chown(self.base, entry.pw_uid, entry.pw_gid)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/ledger"
        self.stale_lock_removed = False

    def _run(self, *argv: str) -> None:
        command = [str(PGBIN / argv[0]), *argv[1:]]
        if self.root:
            command = ["su", "postgres", "-s", "/bin/sh", "-c", shlex.join(command)]
        done = subprocess.run(command, capture_output=True, text=True, timeout=90, check=False)
        log = self.base / "log"
        assert done.returncode == 0, done.stdout + done.stderr + (log.read_text()[-3000:] if log.exists() else "")

    def init(self) -> None:
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8")

    def start(self) -> None:
        # fsync off: kill -9 kills the server's processes, not the machine; what they handed the
        # kernel survives, so syncing it to disk would only cost time here. Commits stay synchronous.
        options = (f"-p {self.port} -k {self.base} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c full_page_writes=off -c max_connections=40")
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-w", "-t", "60", "-l", str(self.base / "log"),
                  "start")

    def kill9(self) -> int:
        """SIGKILL the postmaster and every process it started; how many processes were killed."""
        postmaster = int((self.data / "postmaster.pid").read_text().split()[0])
        children = [pid for pid in _all_pids() if _parent(pid) == postmaster]
        killed = 0
        for pid in [postmaster, *children]:
            try:
                os.kill(pid, signal.SIGKILL)
                killed += 1
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + 20
        while any(_alive(pid) for pid in [postmaster, *children]) and time.monotonic() < deadline:
            time.sleep(0.02)
        # Dead, but maybe not yet reaped: a zombie still answers kill(pid, 0), and the next
        # postmaster would take it for a live one holding the lock file. Give its parent a moment
        # to reap it; past that, the lock file is stale and goes, as an operator would remove it.
        deadline = time.monotonic() + 5
        while Path(f"/proc/{postmaster}").exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        if Path(f"/proc/{postmaster}").exists():
            (self.data / "postmaster.pid").unlink()
            self.stale_lock_removed = True
        return killed

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            with contextlib.suppress(AssertionError):  # already down: nothing to stop
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.base, ignore_errors=True)

    def create_database(self) -> None:
        import psycopg

        with psycopg.connect(self.url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
            conn.execute("CREATE DATABASE ledger TEMPLATE template0")

    def sql(self, query: str, *params: Any) -> list[tuple[Any, ...]]:
        import psycopg

        with psycopg.connect(self.url) as conn:
            return list(conn.execute(query, params).fetchall())


def _all_pids() -> list[int]:
    return [int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit()]


def _parent(pid: int) -> int:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return -1
    return int(stat.rsplit(")", 1)[1].split()[1])


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


# ------------------------------------------------------------------------------- the drill

def _client_env(cluster: Cluster) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PINGXING_") and k != "DATABASE_URL"}
    env.update(
        DATABASE_URL=cluster.url, DJANGO_SETTINGS_MODULE="pingxing.settings", PINGXING_DATA_DIR=str(cluster.base / "site"),
        PINGXING_SECRET_KEY="crash-drill-secret-key-3b1f0c9e8d7a6b5c4d3e2f1a0b9c8d7e",
        PINGXING_FIELD_KEY="crash-drill-field-key-6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b",
        PINGXING_AUDIT_KEY="crash-drill-audit-key-1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d",
        PINGXING_DB_CONN_MAX_AGE="0",
    )
    return env


def _script(cluster: Cluster, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([sys.executable, __file__, *args], env=_client_env(cluster), capture_output=True,
                          text=True, timeout=timeout, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return done


def _read_log(path: Path) -> dict[str, dict[str, str]]:
    """key → {"start": …, "done": posting id | "refused": message | "error": repr}."""
    seen: dict[str, dict[str, str]] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            event, key, *rest = line.split(" ", 2)
            seen.setdefault(key, {})[event] = rest[0] if rest else ""
    return seen


def _books(cluster: Cluster) -> dict[str, Any]:
    """The ledger as the database holds it, read with plain SQL."""
    rows = cluster.sql(
        "SELECT a.code, a.kind, a.balance, COALESCE(SUM(e.debit), 0), COALESCE(SUM(e.credit), 0) "
        "FROM carefund_account a LEFT JOIN carefund_entry e ON e.account_id = a.id GROUP BY a.id, a.code")
    accounts = {code: {"balance": balance, "from_entries": (d - c) if kind in ("asset", "expense") else (c - d)}
                for code, kind, balance, d, c in rows}
    unbalanced = cluster.sql(
        "SELECT p.id FROM carefund_posting p LEFT JOIN carefund_entry e ON e.posting_id = p.id "
        "GROUP BY p.id HAVING COUNT(e.id) < 2 OR COALESCE(SUM(e.debit), 0) <> COALESCE(SUM(e.credit), 0)")
    [(debits, credits)] = cluster.sql("SELECT COALESCE(SUM(debit), 0), COALESCE(SUM(credit), 0) FROM carefund_entry")
    keys = dict(cluster.sql("SELECT idempotency_key, COUNT(*) FROM carefund_posting GROUP BY 1"))
    ids = dict(cluster.sql("SELECT idempotency_key, id::text FROM carefund_posting"))
    [(audited,)] = cluster.sql("SELECT COUNT(*) FROM audit_auditentry WHERE action = 'fund_post'")
    return {"accounts": accounts, "unbalanced": unbalanced, "debits": debits, "credits": credits, "keys": keys,
            "ids": ids, "audited": audited}


def _assert_consistent(books: dict[str, Any]) -> None:
    assert books["unbalanced"] == []
    assert books["debits"] == books["credits"]
    for code, account in books["accounts"].items():
        assert account["balance"] == account["from_entries"] >= 0, code
    assert set(books["keys"].values()) <= {1}
    assert books["audited"] == len(books["keys"])  # a posting and its audit row: both or neither


def test_kill_9_midway_then_retrying_every_key_posts_each_exactly_once(tmp_path):
    started = time.monotonic()
    cluster = Cluster()
    client = None
    try:
        cluster.init()
        cluster.start()
        cluster.create_database()
        ids = json.loads(_script(cluster, "setup").stdout.strip().splitlines()[-1])

        first_log = tmp_path / "first.log"
        client = subprocess.Popen([sys.executable, __file__, "load", str(ids["fund"]), str(ids["user"]),
                                   str(first_log)], env=_client_env(cluster), stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:  # midway: a third of the sequence answered
            if sum("done" in s or "refused" in s for s in _read_log(first_log).values()) >= OPERATIONS // 3:
                break
            assert client.poll() is None, client.communicate()[1][-3000:]
            time.sleep(0.005)
        killed = cluster.kill9()
        client.communicate(timeout=60)
        first = _read_log(first_log)
        answered = {k: s["done"] for k, s in first.items() if "done" in s}
        in_flight = sorted(k for k, s in first.items() if "done" not in s and "refused" not in s)
        assert 0 < len(answered) < OPERATIONS
        assert in_flight, "nothing was in flight when the server died"

        cluster.start()  # crash recovery
        after_crash = _books(cluster)
        _assert_consistent(after_crash)
        # every posting the client was told about survived, and nothing it was not sent
        assert {k: after_crash["ids"][k] for k in answered} == answered
        assert set(after_crash["ids"]) <= {op["key"] for op in operations()} | {"crash-gift"}
        committed_in_flight = [k for k in in_flight if k in after_crash["ids"]]

        second_log = tmp_path / "second.log"
        _script(cluster, "load", str(ids["fund"]), str(ids["user"]), str(second_log))
        second = _read_log(second_log)
        assert all("error" not in s for s in second.values()), [s for s in second.values() if "error" in s][:3]
        for op in operations():
            outcome = second[op["key"]]
            if op["amount"] == HUGE:
                assert "余额不足" in outcome["refused"]
            else:
                assert "done" in outcome, (op, outcome)
        assert {k: second[k]["done"] for k in answered} == answered  # a retry answers with the first posting

        final = _books(cluster)
        _assert_consistent(final)
        posted = {op["key"] for op in operations() if op["amount"] != HUGE}
        assert final["keys"] == dict.fromkeys(posted | {"crash-gift"}, 1)
        assert final["accounts"]["1002"]["balance"] == expected_bank()
        verified = _script(cluster, "verify")
        assert "ok" in verified.stdout

        seconds = time.monotonic() - started
        print(f"\nkill -9 drill: {seconds:.1f} s; {killed} server processes killed with {len(answered)} of "
              f"{OPERATIONS} postings answered and {len(in_flight)} in flight "
              f"({len(committed_in_flight)} of them committed before the kill); stale lock file removed: "
              f"{cluster.stale_lock_removed}")
    finally:
        if client is not None and client.poll() is None:
            client.kill()
        cluster.stop()


# ------------------------------------------------------------------------------- client steps

def _setup() -> None:
    import datetime as dt

    from django.core.management import call_command

    for app in ("accounts", "orgs", "members", "audit", "carefund"):  # what the ledger needs, not all
        call_command("migrate", app, interactive=False, verbosity=0)
    from factories import make_county, make_street, make_user
    from pingxing.carefund import ledger

    street = make_street(parent=make_county())
    clerk = make_user(role="street", organization=street)
    fund = ledger.open_fund(organization=street, name="柯桥街道党内关爱基金", notice_days=5, by=clerk)
    ledger.donate(fund=fund, key="crash-gift", amount=GIFT, donor="某企业", booked_on=dt.date(2026, 3, 1), by=clerk)
    print(json.dumps({"fund": fund.pk, "user": clerk.pk}))


def _load(fund_id: int, user_id: int, log: Path) -> None:
    """Send every operation from WORKERS threads; log each start and answer as one line."""
    import datetime as dt
    import queue
    import threading

    from django.db import connections

    from pingxing.accounts.models import User
    from pingxing.carefund import ledger
    from pingxing.carefund.models import Fund
    from pingxing.carefund.rules import PostingRefused

    fund, clerk = Fund.objects.get(pk=fund_id), User.objects.get(pk=user_id)
    connections.close_all()
    todo: queue.Queue[dict[str, Any]] = queue.Queue()
    for op in operations():
        todo.put(op)
    out = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)

    def say(*words: str) -> None:
        os.write(out, (" ".join(w.replace("\n", " ") for w in words) + "\n").encode())  # one write, one line

    def work() -> None:
        try:
            while True:
                try:
                    op = todo.get_nowait()
                except queue.Empty:
                    return
                say("start", op["key"])
                try:
                    if op["kind"] == "donation":
                        posting = ledger.donate(fund=fund, key=op["key"], amount=op["amount"], donor="某企业",
                                                booked_on=dt.date(2026, 3, 2), by=clerk)
                    else:
                        posting = ledger.disburse(fund=fund, key=op["key"], amount=op["amount"],
                                                  purpose=op["purpose"], payee="张某", booked_on=dt.date(2026, 3, 2),
                                                  by=clerk)
                except PostingRefused as refused:
                    say("refused", op["key"], str(refused))
                    continue
                except Exception as error:  # the server died under us: stop, as a client would
                    say("error", op["key"], repr(error)[:200])
                    return
                say("done", op["key"], str(posting.pk))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    os.close(out)


def _verify() -> None:
    from pingxing.audit.services import verify

    print("broken" if verify() is not None else "ok")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: the factories
    import django

    django.setup()
    if sys.argv[1] == "setup":
        _setup()
    elif sys.argv[1] == "load":
        _load(int(sys.argv[2]), int(sys.argv[3]), Path(sys.argv[4]))
    else:
        _verify()
