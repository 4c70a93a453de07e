"""Transactional tests (live server, browser) can still end with Django's flush."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction

from pingxing.core.audit import AuditAction, audit_record


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_that_audits_can_be_flushed():
    audit_record(action=AuditAction.LOGIN, username="flush-1")


@pytest.mark.django_db(transaction=True)
def test_the_delete_trigger_is_back_after_a_flush():
    audit_record(action=AuditAction.LOGIN, username="flush-2")
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditentry")
