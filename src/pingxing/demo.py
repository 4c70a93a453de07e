"""Demo data entry points (filled in by the demo data module)."""

from __future__ import annotations

DEMO_PASSWORD = "Pingxing-Demo-2010"


def demo_logins() -> list[tuple[str, str]]:
    return []


def load_demo_if_empty() -> bool:
    return False
