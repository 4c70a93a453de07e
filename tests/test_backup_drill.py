"""The backup/restore drill, on the backend of this run: SQLite, or PostgreSQL when DATABASE_URL
names one (CI runs the suite on both).

A site of its own (data directory, database: a scratch database on the same PostgreSQL server)
is filled through the services, backed up with `pingxing backup`, destroyed (database and media)
and brought back with `pingxing restore`; then every record must be there unchanged, every file
byte-identical and `pingxing audit verify` intact. Each step runs as its own `python -m pingxing`
process, as an operator would run it; seeding and checking run this file as a script
(`python tests/test_backup_drill.py seed|check …`, see the bottom).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tarfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

KEYS = {
    "PINGXING_SECRET_KEY": "drill-secret-key-9f1c2e7a4b3d6058a1b2c3d4e5f60718",
    "PINGXING_FIELD_KEY": "drill-field-key-07d4e1b9c2a6f3085e4d3c2b1a098765",
    "PINGXING_AUDIT_KEY": "drill-audit-key-5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d",
}
PASSWORD = "Drill-Passw0rd-2010"
PDF = b"%PDF-1.4\n" + bytes(range(256)) * 16 + b"\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(reversed(range(256))) * 8


class Site:
    """One installation: a data directory, its database, and keys given in the environment.

    Backups and checkpoints live outside the data directory, as on another disk or host."""

    def __init__(self, base: Path, *, backups: Path, checkpoints: Path, keys: dict[str, str] = KEYS) -> None:
        self.data = base / "data"
        self.data.mkdir(parents=True)
        self.pg_url = os.environ.get("DATABASE_URL", "")
        self.pg_name = f"pingxing_drill_{uuid.uuid4().hex[:10]}" if self.pg_url.startswith("postgres") else ""
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("PINGXING_") and k != "DATABASE_URL"}
        self.env.update(keys, PINGXING_DATA_DIR=str(self.data), PINGXING_BACKUP_DIR=str(backups),
                        PINGXING_AUDIT_CHECKPOINT_DIR=str(checkpoints), DJANGO_SETTINGS_MODULE="pingxing.settings")
        if self.pg_name:
            self.env["DATABASE_URL"] = self.pg_url.rsplit("/", 1)[0] + "/" + self.pg_name
        if self.env.pop("PYTHONDONTWRITEBYTECODE", None):
            # Each step is a new interpreter: let them share compiled bytecode, kept outside the tree.
            self.env.setdefault("PYTHONPYCACHEPREFIX", str(base.parent / "pycache"))
        self.create_empty_database()

    @property
    def media(self) -> Path:
        return self.data / "media"

    def pingxing(self, *args: str) -> subprocess.CompletedProcess[str]:
        return self._run([sys.executable, "-m", "pingxing", *args])

    def script(self, *args: str) -> subprocess.CompletedProcess[str]:
        done = self._run([sys.executable, __file__, *args])
        assert done.returncode == 0, done.stderr[-3000:]
        return done

    def _run(self, argv: list[str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run(argv, env=self.env, cwd=self.data, capture_output=True, text=True,
                              timeout=300, check=False)

    def _admin(self, sql: str) -> None:
        import time

        import psycopg

        for attempt in range(5):  # the server is shared with other suites: ride out a busy moment
            try:
                with psycopg.connect(self.pg_url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
                    conn.execute(sql)
                return
            except psycopg.OperationalError:
                if attempt == 4:
                    raise
                time.sleep(1)

    def create_empty_database(self) -> None:
        if self.pg_name:  # template0: nobody is ever connected to it, so CREATE cannot be refused for that
            self._admin(f'CREATE DATABASE "{self.pg_name}" TEMPLATE template0')

    def destroy(self) -> None:
        """Lose the database and every media file."""
        if self.pg_name:
            self._admin(f'DROP DATABASE IF EXISTS "{self.pg_name}" WITH (FORCE)')
        for path in self.data.glob("pingxing.sqlite3*"):
            path.unlink()
        shutil.rmtree(self.media, ignore_errors=True)

    def is_empty(self) -> bool:
        """No table in the database (nothing restored) and no file under media."""
        if any(p.is_file() for p in self.media.rglob("*")):
            return False
        if self.pg_name:
            import psycopg

            with psycopg.connect(self.env["DATABASE_URL"]) as conn:
                return conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone()[0] == 0
        db = self.data / "pingxing.sqlite3"
        return not db.exists() or db.stat().st_size == 0


@dataclass
class Drill:
    base: Path
    backups: Path
    checkpoints: Path
    site: Site
    archive: Path
    backup_out: str
    expected_path: Path
    others: list[Site] = field(default_factory=list)

    @property
    def expected(self) -> dict[str, Any]:
        return json.loads(self.expected_path.read_text())

    def other_site(self, name: str, *, keys: dict[str, str] = KEYS) -> Site:
        """Another installation with its own database and checkpoint directory."""
        self.others.append(Site(self.base / name, backups=self.backups, checkpoints=self.base / name / "cp", keys=keys))
        return self.others[-1]


@pytest.fixture(scope="module")
def drill(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Drill]:
    """A site filled with data and backed up once; the tests below restore it in turn."""
    base = tmp_path_factory.mktemp("drill")
    backups, checkpoints = base / "backups", base / "checkpoints"
    site = Site(base / "site", backups=backups, checkpoints=checkpoints)
    try:
        made = site.script("seed", str(base / "expected.json"))  # ends with `pingxing backup`
        [archive] = backups.glob("pingxing-*.tar.gz")
        found = Drill(base=base, backups=backups, checkpoints=checkpoints, site=site, archive=archive,
                      backup_out=made.stdout, expected_path=base / "expected.json")
        yield found
    finally:
        for each in [site, *(found.others if "found" in locals() else [])]:
            each.destroy()


def _members(archive: Path) -> dict[str, bytes]:
    with tarfile.open(archive, "r:gz") as tar:
        return {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}


def test_the_archive_holds_database_media_and_a_manifest_but_no_key(drill):
    archive = drill.archive
    assert re.fullmatch(r"pingxing-\d{8}T\d{6}Z\.tar\.gz", archive.name)
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    assert list(drill.backups.iterdir()) == [archive]  # no temporary file left beside it
    members = _members(archive)
    manifest = json.loads(members.pop("manifest.json"))

    expected = drill.expected
    media = {name.removeprefix("media/") for name in members if name.startswith("media/")}
    assert media == set(expected["media"]) and len(media) == 2
    assert {n: hashlib.sha256(b).hexdigest() for n, b in members.items()} == {
        n: f["sha256"] for n, f in manifest["files"].items()}
    assert manifest["row_counts"] == {t: len(rows) for t, rows in expected["rows"].items()}
    assert manifest["row_counts"]["members_member"] == 3
    assert manifest["database"]["vendor"] == ("postgresql" if drill.site.pg_name else "sqlite")

    head = manifest["audit"]["head"]
    assert head["seq"] == expected["audit_seq"] > 0
    mark = manifest["audit"]["checkpoint"]
    assert (mark["seq"], mark["hash"]) == (head["seq"], head["hash"])
    assert json.loads((drill.checkpoints / mark["name"]).read_text())["mac"] == mark["mac"]
    assert mark["name"] in drill.backup_out

    for name, data in members.items():
        for key in KEYS.values():
            assert key.encode() not in data, f"{name} holds key material"


def _rewritten(archive: Path, out: Path, *, member: str = "", manifest: Any = None) -> Path:
    """A copy of the archive with one byte of `member` flipped, or its manifest changed."""
    with tarfile.open(archive, "r:gz") as source, tarfile.open(out, "w:gz") as copy:
        for info in source.getmembers():
            data = bytearray(source.extractfile(info).read())
            if info.name == member:
                data[len(data) // 2] ^= 0x01
            if info.name == "manifest.json" and manifest is not None:
                body = json.loads(data)
                manifest(body)
                data = bytearray(json.dumps(body).encode())
                info.size = len(data)
            copy.addfile(info, io.BytesIO(bytes(data)))
    return out


def test_a_damaged_archive_is_refused_naming_the_file_and_nothing_is_touched(drill):
    evidence = next(n for n in _members(drill.archive) if n.endswith(".pdf"))
    tampered = _rewritten(drill.archive, drill.base / "tampered.tar.gz", member=evidence)  # one byte
    truncated = drill.base / "truncated.tar.gz"
    truncated.write_bytes(drill.archive.read_bytes()[: drill.archive.stat().st_size // 2])

    target = drill.other_site("damaged-target")
    refused = target.pingxing("restore", str(tampered))
    assert refused.returncode == 1
    assert evidence in refused.stderr and "校验和" in refused.stderr and "Traceback" not in refused.stderr
    assert target.is_empty()

    # The archive is judged before any database is looked at, so this process can judge it too.
    from pingxing.backup import RestoreRefused, restore

    with pytest.raises(RestoreRefused, match="已损坏"):
        restore(truncated)
    not_ours = drill.base / "not-ours.tar.gz"
    with tarfile.open(not_ours, "w:gz") as out:
        out.addfile(tarfile.TarInfo("readme.txt"))
    with pytest.raises(RestoreRefused, match="不是评星系统的备份文件"):
        restore(not_ours)


def test_restoring_without_the_original_keys_says_which_keys_to_set(drill):
    # The keys are not in the archive: a new server given other keys cannot read it, and is told why.
    target = drill.other_site("wrong-keys", keys={
        **KEYS, "PINGXING_FIELD_KEY": "some-other-field-key-" + "0" * 32, "PINGXING_AUDIT_KEY": "x" * 48})
    done = target.pingxing("restore", str(drill.archive))
    assert done.returncode == 1
    assert "PINGXING_FIELD_KEY" in done.stderr and "PINGXING_AUDIT_KEY" in done.stderr
    assert "Traceback" not in done.stderr


def test_restore_after_losing_database_and_media_brings_back_every_record_and_file(drill):
    site = drill.site
    site.destroy()
    site.create_empty_database()
    assert site.is_empty()
    migrated = site.pingxing("migrate", "-v", "0")  # a freshly migrated database counts as empty
    assert migrated.returncode == 0, migrated.stderr
    if site.pg_name:
        # …unless its migrate made a table the backup does not know (pg_restore --clean would leave
        # it behind): as if the archive came from a version without ratings_dayoff.
        older = _rewritten(drill.archive, drill.base / "older.tar.gz",
                           manifest=lambda m: m["row_counts"].pop("ratings_dayoff"))
        refused = site.pingxing("restore", str(older))
        assert refused.returncode == 1 and "ratings_dayoff" in refused.stderr and "migrate" in refused.stderr

    restored = site.pingxing("restore", str(drill.archive))
    assert restored.returncode == 0, restored.stderr
    assert "与清单一致" in restored.stdout and "审计日志完整" in restored.stdout

    found = drill.base / "found.json"
    site.script("check", str(drill.expected_path), str(found), str(drill.archive))
    report = json.loads(found.read_text())
    assert report["rows_missing"] == {} and report["rows_changed"] == {}
    assert report["media_differs"] == [] and report["media_missing"] == []
    assert report["members_found_by_id_number"] == 3
    assert report["evidence_bytes_identical"] is True
    assert report["password_login"] is True
    assert report["audit_verify_exit"] == 0 and "完整" in report["audit_verify_out"]
    assert report["restore_again_exit"] == 1 and "不是空的" in report["restore_again_err"]


def test_old_archives_are_pruned_but_never_the_newest(tmp_path):
    from pingxing.backup import prune

    now = dt.datetime(2030, 6, 1, tzinfo=dt.UTC)
    names = [f"pingxing-{now - dt.timedelta(days=d):%Y%m%dT%H%M%SZ}.tar.gz" for d in (0, 10, 31, 90)]
    for name in [*names, "notes.txt", "pingxing-latest.tar.gz"]:
        (tmp_path / name).write_bytes(b"x")
    assert sorted(prune(tmp_path, keep_days=30, now=now)) == sorted(names[2:])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*names[:2], "notes.txt", "pingxing-latest.tar.gz"])
    lonely = tmp_path / "only"
    lonely.mkdir()
    (lonely / names[3]).write_bytes(b"x")
    assert prune(lonely, keep_days=30, now=now) == []  # the newest stays, however old


# ---------------------------------------------------------------- run as a script inside the site

def _snapshot() -> dict[str, Any]:
    """Every row of every counted table as a digest per primary key, every media file's sha256."""
    from django.apps import apps
    from django.conf import settings

    from pingxing.backup import counted_tables

    tables = set(counted_tables())
    rows: dict[str, dict[str, str]] = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.db_table not in tables:
            continue
        names = [f.attname for f in model._meta.concrete_fields]
        rows[model._meta.db_table] = {
            str(values[0]): hashlib.sha256(json.dumps(values, default=str, ensure_ascii=False).encode()).hexdigest()
            for values in model._base_manager.order_by("pk").values_list("pk", *names)
        }
    root = Path(settings.MEDIA_ROOT)
    media = {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
             for p in sorted(root.rglob("*")) if p.is_file()}
    return {"rows": rows, "media": media}


def _seed(out: Path) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    from factories import make_community, make_county, make_member, make_street, make_user
    from pingxing.accounts.models import User
    from pingxing.audit.models import AuditHead
    from pingxing.core.audit import AuditAction, audit_record
    from pingxing.ratings import samples, services

    county = make_county(name="绍兴县委组织部")
    street = make_street(parent=county, name="柯桥街道党工委")
    community = make_community(parent=street, name="笛扬社区党总支")
    other = make_community(parent=street, name="柯亭社区党支部")
    members = [
        make_member(organization=community, name="王秀英", phone="13905750001", address="柯桥街道笛扬路1号"),
        make_member(organization=community, name="李建国"),
        make_member(organization=other, name="陈国华", phone="13905750003"),
    ]
    county_user = User.objects.create(username="county_drill", role="county", organization=county)
    secretary = make_user(role="secretary", organization=community, username="secretary_drill", password=PASSWORD)
    User.objects.create(username="clerk_drill", role="clerk", organization=community)  # no password: no hashing
    campaign = services.campaign_open(year=2010, by=county_user, declaration_deadline=dt.date(2010, 9, 30),
                                      assessment_deadline=dt.date(2010, 10, 31), county_deadline=dt.date(2010, 11, 30))
    case = campaign.cases.get(organization=community)
    services.evidence_add(case=case, field="major_criminal_cases", by=secretary,
                          upload=SimpleUploadedFile("治安情况说明.pdf", PDF))
    services.evidence_add(case=case, field="disputes_total", by=secretary,
                          upload=SimpleUploadedFile("调解台账.png", PNG))
    other_case = campaign.cases.get(organization=other)
    services.declaration_submit(case=other_case, facts=samples.facts_for_star(3, other.code, 2010, seed=1),
                                declared_star=3, by=county_user)
    audit_record(action=AuditAction.UPDATE, user=county_user, obj=community, changes={"name": ["旧名", community.name]})
    snapshot = _snapshot()
    snapshot["id_numbers"] = {str(m.pk): m.id_number for m in members}  # stays in this temporary file
    snapshot["audit_seq"] = AuditHead.objects.get(pk=1).last_seq
    out.write_text(json.dumps(snapshot, ensure_ascii=False))

    from pingxing.cli import main as cli_main

    assert cli_main(["backup"]) == 0  # what the nightly timer runs; one process less than a subprocess


def _check(expected_path: Path, out: Path, archive: Path) -> None:
    import contextlib

    from pingxing.accounts.models import User
    from pingxing.cli import main as cli_main
    from pingxing.members.models import Member, id_number_digest
    from pingxing.ratings.models import Evidence

    expected = json.loads(expected_path.read_text())
    now = _snapshot()
    report: dict[str, Any] = {"rows_missing": {}, "rows_changed": {}}
    for table, rows in expected["rows"].items():
        have = now["rows"].get(table, {})
        if missing := sorted(set(rows) - set(have)):
            report["rows_missing"][table] = missing
        if changed := sorted(pk for pk in rows if pk in have and have[pk] != rows[pk]):
            report["rows_changed"][table] = changed
    report["media_missing"] = sorted(set(expected["media"]) - set(now["media"]))
    report["media_differs"] = sorted(n for n, h in expected["media"].items() if now["media"].get(n, h) != h)
    found = 0
    for pk, number in expected["id_numbers"].items():  # looked up as the member search does
        member = Member.objects.filter(id_number_digest=id_number_digest(number)).first()
        found += member is not None and str(member.pk) == pk and member.id_number == number
    report["members_found_by_id_number"] = found
    stored = []
    for evidence in Evidence.objects.all():
        with evidence.file.open("rb") as handle:
            stored.append(handle.read())
    report["evidence_bytes_identical"] = sorted(stored) == sorted([PDF, PNG])
    report["password_login"] = User.objects.get(username="secretary_drill").check_password(PASSWORD)
    captured = io.StringIO()
    with contextlib.redirect_stdout(captured):
        report["audit_verify_exit"] = cli_main(["audit", "verify"])
    report["audit_verify_out"] = captured.getvalue()
    captured = io.StringIO()
    with contextlib.redirect_stderr(captured):  # the database is no longer empty
        report["restore_again_exit"] = cli_main(["restore", str(archive)])
    report["restore_again_err"] = captured.getvalue()
    out.write_text(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    import django

    django.setup()
    if sys.argv[1] == "seed":
        _seed(Path(sys.argv[2]))
    else:
        _check(Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4]))
