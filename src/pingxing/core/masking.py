"""Masking personal data for display (the one place): phones and ID numbers are shown masked."""

from __future__ import annotations


def mask_phone(phone: str) -> str:
    """138****5678."""
    if len(phone) <= 7:
        return "*" * len(phone)
    return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]
