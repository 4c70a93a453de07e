"""``pingxing rate`` / ``standards`` / ``template`` as a user runs them (subprocess)."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook

from pingxing.rubric import contract_fields

from .support import five_star_record

TITLES = {f.name: f.title for f in contract_fields()}


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pingxing.rubric.cli", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


RECORDS: list[dict[str, Any]] = [
    five_star_record(org_code="A"),
    five_star_record(org_code="B", mass_prevention_level=2, integrity_culture_level=None),
    five_star_record(org_code="C", family_planning_violation=True, resident_autonomy_sound=None),
]
BAD = five_star_record(org_code="BAD", disputes_mediated=50, leadership_complete="sort of")


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    return value


def _write_csv(path: Path, recs: list[dict[str, Any]]) -> None:
    names = list(recs[0])
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(names)
        for r in recs:
            writer.writerow([_cell(r.get(n)) for n in names])


def _write_xlsx(path: Path, recs: list[dict[str, Any]]) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    names = list(recs[0])
    ws.append([TITLES[n] for n in names])  # Chinese headers
    for r in recs:
        ws.append([None if r.get(n) is None else _cell(r.get(n)) for n in names])
    wb.save(path)


def test_json_csv_and_xlsx_inputs_give_the_same_stars(tmp_path: Path) -> None:
    src = tmp_path / "facts.json"
    src.write_text(json.dumps(RECORDS, ensure_ascii=False), encoding="utf-8")
    _write_csv(tmp_path / "facts.csv", RECORDS)
    _write_xlsx(tmp_path / "facts.xlsx", RECORDS)
    stars = {}
    for name in ("facts.json", "facts.csv", "facts.xlsx"):
        proc = run("rate", tmp_path / name)
        assert proc.returncode == 0, proc.stderr
        out = json.loads(proc.stdout)
        stars[name] = [(r["org_code"], r["star"]) for r in out]
        assert all(r["errors"] == [] for r in out)
    assert stars["facts.json"] == [("A", 5), ("B", 2), ("C", 1)]
    assert stars["facts.csv"] == stars["facts.json"] == stars["facts.xlsx"]


def test_bad_records_get_field_named_errors_and_exit_code_1(tmp_path: Path) -> None:
    src = tmp_path / "mixed.csv"
    _write_csv(src, [RECORDS[0], BAD, RECORDS[1]])
    proc = run("rate", src, "--explain")
    assert proc.returncode == 1
    out = json.loads(proc.stdout)
    assert [r["star"] for r in out] == [5, None, 2]
    fields = {e["field"] for e in out[1]["errors"]}
    assert fields == {"leadership_complete", "disputes_mediated"}
    assert out[1]["org_code"] == "BAD"
    assert "explanation" in out[2] and "差距" in out[2]["explanation"]


def test_csv_and_xlsx_outputs_have_one_row_per_record(tmp_path: Path) -> None:
    src = tmp_path / "facts.json"
    src.write_text(json.dumps([*RECORDS, BAD], ensure_ascii=False), encoding="utf-8")
    proc = run("rate", src, "--format", "csv", "-o", tmp_path / "out.csv")
    assert proc.returncode == 1
    with (tmp_path / "out.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["star"] for r in rows] == ["5", "2", "1", ""]
    assert rows[2]["vetoed"] == "True" and "已调处数不能大于矛盾纠纷总数" in rows[3]["errors"]
    assert "disputes_mediated" not in rows[3]["errors"]  # the Chinese column speaks Chinese
    proc = run("rate", src, "--format", "xlsx", "-o", tmp_path / "out.xlsx")
    assert proc.returncode == 1
    wb = load_workbook(tmp_path / "out.xlsx")
    ws = wb.active
    assert ws is not None
    assert [row[2] for row in ws.iter_rows(min_row=2, values_only=True)] == [5, 2, 1, None]
    wb.close()


def test_unreadable_input_exits_2_with_one_line(tmp_path: Path) -> None:
    (tmp_path / "broken.json").write_text("[{", encoding="utf-8")
    for path in (tmp_path / "broken.json", tmp_path / "absent.csv"):
        proc = run("rate", path)
        assert proc.returncode == 2
        assert proc.stdout == "" and len(proc.stderr.strip().splitlines()) == 1
    (tmp_path / "x.json").write_text("[]", encoding="utf-8")
    proc = run("rate", tmp_path / "x.json", "--standard", "atlantis")
    assert proc.returncode == 2 and "no such standard" in proc.stderr


def test_standards_and_template(tmp_path: Path) -> None:
    proc = run("standards")
    assert proc.returncode == 0 and "shaoxing-county-2010-community" in proc.stdout
    tpl = tmp_path / "template.xlsx"
    assert run("template", "-o", tpl).returncode == 0
    wb = load_workbook(tpl)
    ws = wb.worksheets[0]
    headers = [c.value for c in ws[1]]
    assert headers == [f.title for f in contract_fields()]
    formulas = {dv.formula1 for dv in ws.data_validations.dataValidation}
    assert '"是,否"' in formulas and '"无,县级,市级,省级,全国"' in formulas
    # fill the template with one record and rate it
    rec = RECORDS[1]
    ws.append(
        [_cell(rec.get(f.name)) if rec.get(f.name) is not None else None for f in contract_fields()]
    )
    wb.save(tpl)
    proc = run("rate", tpl)
    assert proc.returncode == 0, proc.stdout
    assert json.loads(proc.stdout)[0]["star"] == 2
