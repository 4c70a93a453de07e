"""Who reads the audit trail (pure)."""

from __future__ import annotations

from pingxing.accounts.roles import Role
from pingxing.core.scope import Actor


def can_read_audit(actor: Actor) -> bool:
    """The county office and the system administrator read the trail; nobody else."""
    if actor.role == Role.ADMIN:
        return True
    return actor.role == Role.COUNTY and bool(actor.org_path)
