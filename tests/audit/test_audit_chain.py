"""The audit chain: append-only in Python and in the database, and `verify` finds tampering.

Tampering is done as a DBA with table rights would: raw SQL after switching the
append-only triggers off (DROP TRIGGER on SQLite, DISABLE TRIGGER on PostgreSQL;
both are rolled back with the test's transaction).
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from pingxing.audit.models import AppendOnlyError, AuditEntry, AuditHead
from pingxing.audit.services import verify
from pingxing.cli import main as cli_main
from pingxing.core.audit import AuditAction, audit_record, model_changes

pytestmark = pytest.mark.django_db


def _record_entries(count: int = 5) -> list[AuditEntry]:
    return [
        audit_record(
            action=AuditAction.UPDATE, username="clerk", object_type="orgs.organization",
            object_id=str(n), object_repr=f"笛扬社区{n}", changes={"name": [f"旧{n}", f"新{n}"]},
        )
        for n in range(1, count + 1)
    ]


def _triggers_off() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER audit_auditentry_no_update")
            cursor.execute("DROP TRIGGER audit_auditentry_no_early_delete")
        else:
            cursor.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER USER")


def _sql(sql: str, params: list | None = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])


def test_fresh_chain_verifies():
    _record_entries()
    assert verify() is None


def test_empty_trail_verifies():
    assert verify() is None


def test_entry_refuses_save_and_delete_in_python():
    entry = _record_entries(1)[0]
    entry.object_repr = "改过"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()


def test_queryset_refuses_update_and_delete():
    _record_entries(2)
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(seq=1).update(object_repr="改过")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.count() == 2


def test_database_refuses_raw_update():
    _record_entries(1)
    with pytest.raises(IntegrityError), transaction.atomic():
        _sql("UPDATE audit_auditentry SET object_repr = 'x'")
    assert AuditEntry.objects.get().object_repr == "笛扬社区1"


def test_database_refuses_raw_delete_of_an_entry_younger_than_180_days():
    _record_entries(1)
    with pytest.raises(IntegrityError), transaction.atomic():
        _sql("DELETE FROM audit_auditentry")
    assert AuditEntry.objects.count() == 1


def test_database_allows_deleting_entries_older_than_180_days():
    old = timezone.now() - dt.timedelta(days=181)
    young = timezone.now() - dt.timedelta(days=179)
    for seq, created in ((1, old), (2, young)):
        _sql(
            "INSERT INTO audit_auditentry (seq, created_at, username, org_path, action, object_type,"
            " object_id, object_repr, changes, ip_address, prev_hash, entry_hash)"
            " VALUES (%s, %s, '', '', 'login', '', '', '', '{}', '', '', '')",
            [seq, created],
        )
    _sql("DELETE FROM audit_auditentry WHERE seq = 1")
    with pytest.raises(IntegrityError), transaction.atomic():
        _sql("DELETE FROM audit_auditentry WHERE seq = 2")
    assert list(AuditEntry.objects.values_list("seq", flat=True)) == [2]


def test_verify_finds_an_edited_entry():
    _record_entries()
    _triggers_off()
    _sql("UPDATE audit_auditentry SET object_repr = '篡改' WHERE seq = 3")
    broken = verify()
    assert (broken.seq, broken.kind) == (3, "edited")


def test_verify_finds_edited_changes():
    _record_entries()
    _triggers_off()
    _sql("UPDATE audit_auditentry SET changes = %s WHERE seq = 2", [json.dumps({"name": ["旧2", "别的"]})])
    broken = verify()
    assert (broken.seq, broken.kind) == (2, "edited")


def test_verify_finds_a_deleted_entry():
    _record_entries()
    _triggers_off()
    _sql("DELETE FROM audit_auditentry WHERE seq = 2")
    broken = verify()
    assert (broken.seq, broken.kind) == (2, "deleted")


def test_verify_finds_the_newest_entry_deleted():
    _record_entries()
    _triggers_off()
    _sql("DELETE FROM audit_auditentry WHERE seq = 5")
    broken = verify()
    assert (broken.seq, broken.kind) == (5, "deleted")


def test_verify_finds_the_newest_entry_deleted_and_the_head_rewound():
    entries = _record_entries()
    _triggers_off()
    _sql("DELETE FROM audit_auditentry WHERE seq = 5")
    _sql("UPDATE audit_audithead SET last_seq = 4, last_hash = %s", [entries[3].entry_hash])
    broken = verify()
    assert broken.kind == "truncated"
    assert broken.seq == 5


def test_verify_finds_the_head_row_removed():
    _record_entries()
    _sql("DELETE FROM audit_audithead")
    assert verify().kind == "truncated"


def test_verify_finds_an_entry_inserted_after_the_newest():
    entries = _record_entries(3)
    _sql(
        "INSERT INTO audit_auditentry (seq, created_at, username, org_path, action, object_type,"
        " object_id, object_repr, changes, ip_address, prev_hash, entry_hash)"
        " VALUES (4, %s, 'ghost', '', 'login', '', '', '', '{}', '', %s, %s)",
        [timezone.now(), entries[-1].entry_hash, "f" * 64],
    )
    broken = verify()
    assert (broken.seq, broken.kind) == (4, "inserted")


def test_verify_finds_an_entry_inserted_in_the_middle():
    entries = _record_entries(4)
    _triggers_off()
    # Make room at seq 3 (highest first, seq is unique), then forge an entry there.
    for seq in (4, 3):
        _sql("UPDATE audit_auditentry SET seq = %s WHERE seq = %s", [seq + 1, seq])
    _sql(
        "INSERT INTO audit_auditentry (seq, created_at, username, org_path, action, object_type,"
        " object_id, object_repr, changes, ip_address, prev_hash, entry_hash)"
        " VALUES (3, %s, 'ghost', '', 'delete', '', '', '', '{}', '', %s, %s)",
        [timezone.now(), entries[1].entry_hash, "e" * 64],
    )
    _sql("UPDATE audit_audithead SET last_seq = 5")
    broken = verify()
    assert (broken.seq, broken.kind) == (3, "inserted")


def test_sensitive_values_never_enter_the_trail():
    entry = audit_record(
        action=AuditAction.UPDATE, username="clerk", object_type="members.member", object_id="1",
        object_repr="党员 330621197001010011", changes={"phone": ["13900000001", "13900000002"]},
    )
    assert entry.changes == {"phone": ["***", "***"]}
    assert "330621197001010011" not in entry.object_repr
    assert verify() is None


def test_dates_and_decimals_in_changes_still_verify():
    from decimal import Decimal

    audit_record(
        action=AuditAction.UPDATE, username="clerk",
        changes={**model_changes({"joined_on": dt.date(2000, 7, 1)}, {"joined_on": dt.date(2001, 7, 1)}),
                 "coefficient": (Decimal("1.10"), Decimal("1.20"))},
    )
    assert verify() is None


def test_cli_audit_verify_exit_codes(capsys):
    _record_entries(3)
    assert cli_main(["audit", "verify"]) == 0
    assert "完整" in capsys.readouterr().out
    _triggers_off()
    _sql("UPDATE audit_auditentry SET username = 'someone' WHERE seq = 2")
    assert cli_main(["audit", "verify"]) == 1
    out = capsys.readouterr().out
    assert "#2" in out
    assert "edited" in out


def test_head_tracks_the_newest_entry():
    entries = _record_entries(2)
    head = AuditHead.objects.get(pk=1)
    assert (head.last_seq, head.last_hash) == (2, entries[-1].entry_hash)
