"""Demo data of grid management (a realistic street: grids and teams in every community, a few
thousand households, a year of visits and cases in every state, meetings held and missed)."""

from __future__ import annotations

import datetime as dt


def load_grid(*, today: dt.date | None = None) -> None:
    """Each part loads its own demo through its services, in order; nothing when it exists."""
    from pingxing.grid.demo_cases import load_service_cases
    from pingxing.grid.demo_meetings import load_meetings
    from pingxing.grid.demo_network import load_network

    load_network(today=today)
    load_service_cases(today=today)
    load_meetings(today=today)
