"""How long `pingxing demo` takes to load every feature's demo data into an empty database
(printed; not a test). Uses DATABASE_URL when set (PostgreSQL), else a throwaway SQLite file.

    uv run python benchmarks/demo_load.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time

GOAL_S = 20.0

with tempfile.TemporaryDirectory() as data_dir:
    env = {**os.environ, "PINGXING_DATA_DIR": data_dir}
    subprocess.run([sys.executable, "-m", "pingxing", "migrate", "-v", "0"], env=env, check=True)
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "pingxing", "demo", "--no-serve"], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    took = time.monotonic() - started
    backend = "PostgreSQL" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    print(f"demo load on {backend}: {took:.1f} s (goal < {GOAL_S:.0f} s: {'met' if took < GOAL_S else 'MISSED'})")
