"""Audit checkpoints: the signed head kept outside the database makes a replayed head row visible.

The attack: a DBA saves the head row, lets the app write on, deletes the newest entries and
writes the saved head back. The chain then verifies on its own (shown below, so the test says
what a checkpoint buys); with a checkpoint taken in between, `verify` names the checkpoint.
"""

from __future__ import annotations

import json
import stat

import pytest
from django.db import connection

from pingxing.audit.checkpoint import checkpoint_write
from pingxing.audit.models import AuditHead
from pingxing.audit.services import checkpoint, verify
from pingxing.cli import main as cli_main
from pingxing.core.audit import AuditAction, audit_record

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def checkpoint_dir(settings, tmp_path):
    settings.AUDIT_CHECKPOINT_DIR = tmp_path / "audit-checkpoints"
    return settings.AUDIT_CHECKPOINT_DIR


def _record(count: int) -> None:
    for n in range(count):
        audit_record(action=AuditAction.UPDATE, username="clerk", object_type="orgs.organization",
                     object_id=str(n), object_repr=f"笛扬社区{n}", changes={"name": [f"旧{n}", f"新{n}"]})


def _sql(sql: str, params: list | None = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])


def _triggers_off() -> None:
    # As in test_audit_chain: what a DBA with table rights can do (rolled back with the test).
    if connection.vendor == "sqlite":
        _sql("DROP TRIGGER audit_auditentry_no_update")
        _sql("DROP TRIGGER audit_auditentry_no_early_delete")
    else:
        _sql("ALTER TABLE audit_auditentry DISABLE TRIGGER USER")


def _save_head() -> tuple[int, str, str]:
    head = AuditHead.objects.get(pk=1)
    return head.last_seq, head.last_hash, head.last_mac


def _replay(saved: tuple[int, str, str]) -> None:
    """Delete every entry after the saved head and write the saved head row back."""
    _triggers_off()
    _sql("DELETE FROM audit_auditentry WHERE seq > %s", [saved[0]])
    _sql("UPDATE audit_audithead SET last_seq = %s, last_hash = %s, last_mac = %s WHERE id = 1", list(saved))


def test_without_a_checkpoint_a_replayed_head_goes_unnoticed():
    _record(3)
    saved = _save_head()
    _record(2)
    _replay(saved)
    assert verify() is None  # the limit a checkpoint removes


def test_a_replayed_head_is_found_once_a_checkpoint_exists_and_the_checkpoint_is_named(capsys):
    _record(3)
    saved = _save_head()
    _record(2)
    mark = checkpoint()
    assert (mark.seq, mark.hash) == (5, AuditHead.objects.get(pk=1).last_hash)
    assert verify() is None
    _replay(saved)

    broken = verify()
    assert broken is not None
    assert broken.kind == "truncated"
    assert broken.checkpoint == mark.name
    assert mark.name in broken.detail and "#5" in broken.detail

    assert cli_main(["audit", "verify"]) == 1
    out = capsys.readouterr().out
    assert mark.name in out and "truncated" in out


def test_a_rewound_head_written_over_by_new_entries_is_found_as_edited():
    # After the replay the app writes on: the chain reaches the checkpoint's seq again,
    # but with other entries there.
    _record(3)
    saved = _save_head()
    _record(2)
    mark = checkpoint()
    _replay(saved)
    _record(3)
    broken = verify()
    assert broken is not None
    assert (broken.seq, broken.kind, broken.checkpoint) == (5, "edited", mark.name)


def test_an_older_checkpoint_still_counts_after_a_newer_one_is_taken_on_a_forged_history():
    _record(3)
    saved = _save_head()
    _record(2)
    honest = checkpoint()
    _replay(saved)
    _record(4)  # the chain now reaches #7 on another history
    checkpoint()  # an operator takes a new checkpoint without noticing
    broken = verify()
    assert broken is not None and broken.checkpoint == honest.name and broken.kind == "edited"


def test_entries_after_the_checkpoint_are_fine():
    _record(2)
    checkpoint()
    _record(3)
    assert verify() is None


def test_a_checkpoint_of_an_empty_trail_verifies():
    checkpoint()
    assert verify() is None
    _record(1)
    assert verify() is None


def test_a_forged_checkpoint_file_is_reported(checkpoint_dir):
    _record(2)
    checkpoint()
    forged = checkpoint_dir / "checkpoint-000000000099-20300101T000000Z.json"
    forged.write_text(json.dumps({"seq": 99, "hash": "a" * 64, "created_at": "2030-01-01T00:00:00+00:00",
                                  "mac": "b" * 64}))
    broken = verify()
    assert broken is not None
    assert (broken.kind, broken.checkpoint) == ("forged", forged.name)
    assert "MAC" in broken.detail


def test_a_checkpoint_signed_with_another_key_is_reported(settings):
    _record(2)
    ours = settings.AUDIT_CHAIN_KEY
    settings.AUDIT_CHAIN_KEY = "the-audit-key-of-some-other-installation"
    other = checkpoint()
    settings.AUDIT_CHAIN_KEY = ours
    broken = verify()
    assert broken is not None and (broken.kind, broken.checkpoint) == ("forged", other.name)


def test_checkpoint_files_are_read_only_new_files_in_a_private_directory(checkpoint_dir):
    _record(1)
    first = checkpoint()
    second = checkpoint()  # same head, same second: a second file, the first untouched
    assert first.name != second.name
    assert stat.S_IMODE((checkpoint_dir / first.name).stat().st_mode) == 0o444
    assert stat.S_IMODE(checkpoint_dir.stat().st_mode) == 0o700
    body = json.loads((checkpoint_dir / first.name).read_text())
    assert body["seq"] == 1 and set(body) == {"seq", "hash", "created_at", "mac"}
    assert first.name.startswith("checkpoint-000000000001-") and first.name.endswith("Z.json")


def test_the_checkpoint_mac_is_not_the_head_mac():
    _record(1)
    mark = checkpoint()
    assert mark.mac != AuditHead.objects.get(pk=1).last_mac


def test_an_existing_checkpoint_file_is_never_overwritten(checkpoint_dir):
    import datetime as dt

    when = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
    a = checkpoint_write(seq=0, last_hash="0" * 64, now=when)
    before = (checkpoint_dir / a.name).read_bytes()
    b = checkpoint_write(seq=0, last_hash="0" * 64, now=when)
    assert b.name != a.name and (checkpoint_dir / a.name).read_bytes() == before


def test_cli_audit_checkpoint_writes_a_file_and_names_it(capsys, checkpoint_dir):
    _record(2)
    assert cli_main(["audit", "checkpoint"]) == 0
    out = capsys.readouterr().out
    [written] = list(checkpoint_dir.iterdir())
    assert written.name in out and "#2" in out
