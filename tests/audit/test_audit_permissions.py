"""Who reads the audit trail (pure: no database)."""

from __future__ import annotations

from matrix import actor
from pingxing.accounts.roles import ALL_ROLES
from pingxing.audit.permissions import can_read_audit
from pingxing.core.scope import Actor


def test_only_the_county_office_and_the_administrator_read_the_trail():
    assert [r for r in ALL_ROLES if can_read_audit(actor(r))] == ["county", "admin"]
    assert not can_read_audit(Actor(role="county"))  # a county account without its office
