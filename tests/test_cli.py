"""The `pingxing` command itself: the rating subcommands reach the engine without a database."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from pingxing.ratings import samples


def _pingxing(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pingxing", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=120, check=False)


def test_pingxing_rate_standards_and_template_work_from_the_top_level_command(tmp_path):
    records = [samples.facts_for_star(star, f"C{star}", 2010, seed=star) for star in (1, 3, 5)]
    records.append({"org_code": "BAD", "year": 2010, "disputes_total": 1, "disputes_mediated": 2})
    source = tmp_path / "facts.json"
    source.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")

    rated = _pingxing("rate", str(source), cwd=tmp_path)
    assert rated.returncode == 1  # one invalid record; the others are still rated
    out = json.loads(rated.stdout)
    assert [r["star"] for r in out] == [1, 3, 5, None]
    assert {e["field"] for e in out[3]["errors"]} == {"disputes_mediated"}

    listed = _pingxing("standards", cwd=tmp_path)
    assert listed.returncode == 0 and "shaoxing-county-2010-community" in listed.stdout

    made = _pingxing("template", "-o", str(tmp_path / "t.xlsx"), cwd=tmp_path)
    assert made.returncode == 0 and (tmp_path / "t.xlsx").stat().st_size > 0


def test_unknown_audit_subcommand_explains_itself(tmp_path):
    result = _pingxing("audit", "nonsense", cwd=tmp_path)
    assert result.returncode == 2 and "pingxing audit verify" in result.stderr
