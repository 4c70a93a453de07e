"""Make the audit trail append-only in the database itself.

UPDATE of an entry is always refused; DELETE only once the entry is older than
180 days (the retention the law asks for). The head row is created here so that
a missing head means tampering, and gets its MAC.

A DBA can still drop or disable the triggers; `pingxing audit verify` then
catches what was changed, because the chain is keyed with AUDIT_CHAIN_KEY.
"""

import hashlib
import hmac

from django.conf import settings
from django.db import migrations, models

GENESIS_HASH = "0" * 64

SQLITE_CREATE = [
    """
    CREATE TRIGGER audit_auditentry_no_update
    BEFORE UPDATE ON audit_auditentry
    BEGIN
        SELECT RAISE(ABORT, 'audit entries are append-only: UPDATE refused');
    END
    """,
    """
    CREATE TRIGGER audit_auditentry_no_early_delete
    BEFORE DELETE ON audit_auditentry
    WHEN OLD.created_at > strftime('%Y-%m-%d %H:%M:%f', 'now', '-180 days')
    BEGIN
        SELECT RAISE(ABORT, 'audit entries younger than 180 days cannot be deleted');
    END
    """,
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS audit_auditentry_no_update",
    "DROP TRIGGER IF EXISTS audit_auditentry_no_early_delete",
]

POSTGRES_CREATE = [
    """
    CREATE OR REPLACE FUNCTION audit_auditentry_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'UPDATE' THEN
            RAISE EXCEPTION 'audit entries are append-only: UPDATE refused'
                USING ERRCODE = 'restrict_violation';
        END IF;
        IF OLD.created_at > now() - interval '180 days' THEN
            RAISE EXCEPTION 'audit entries younger than 180 days cannot be deleted'
                USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN OLD;
    END;
    $$
    """,
    """
    CREATE TRIGGER audit_auditentry_append_only
    BEFORE UPDATE OR DELETE ON audit_auditentry
    FOR EACH ROW EXECUTE FUNCTION audit_auditentry_append_only()
    """,
]
POSTGRES_DROP = [
    "DROP TRIGGER IF EXISTS audit_auditentry_append_only ON audit_auditentry",
    "DROP FUNCTION IF EXISTS audit_auditentry_append_only()",
]


def _run(schema_editor, statements):
    for sql in statements:
        schema_editor.execute(sql)


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, SQLITE_CREATE)
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRES_CREATE)
    else:  # pragma: no cover - only SQLite and PostgreSQL are supported
        raise RuntimeError(f"no append-only triggers for database vendor {vendor!r}")


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    _run(schema_editor, SQLITE_DROP if vendor == "sqlite" else POSTGRES_DROP)


def create_head(apps, schema_editor):
    AuditHead = apps.get_model("audit", "AuditHead")
    head, _created = AuditHead.objects.get_or_create(pk=1)
    message = f"head\n{head.last_seq}\n{head.last_hash}".encode()
    head.last_mac = hmac.new(settings.AUDIT_CHAIN_KEY.encode(), message, hashlib.sha256).hexdigest()
    head.save(update_fields=["last_mac"])


class Migration(migrations.Migration):

    dependencies = [
        ('audit', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='audithead',
            name='last_mac',
            field=models.CharField(blank=True, default='', max_length=64),
        ),
        migrations.RunPython(create_head, migrations.RunPython.noop),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
