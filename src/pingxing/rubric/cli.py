"""``pingxing rate | standards | template``: ``main(argv)`` where argv[0] is the subcommand.

Exit codes of ``rate``: 0 every record valid; 1 some records invalid (the valid ones are
still rated and written); 2 the input (or the standard) can not be read at all.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from pingxing.rubric.evaluate import evaluate
from pingxing.rubric.explain import invalid_to_dict, rating_to_dict
from pingxing.rubric.facts import validate_facts
from pingxing.rubric.io import InputError, read_input, write_results, write_template
from pingxing.rubric.loader import StandardError, list_standards, load_standard


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pingxing", description="评星 star rating")
    sub = parser.add_subparsers(dest="command", required=True)
    rate = sub.add_parser("rate", help="rate records of facts against a standard")
    rate.add_argument("input", type=Path, help="JSON array, CSV or XLSX (first sheet)")
    rate.add_argument("--standard", default=None, help="standard id or TOML path")
    rate.add_argument("--format", choices=["json", "csv", "xlsx"], default="json")
    rate.add_argument("-o", "--output", type=Path, default=None)
    rate.add_argument(
        "--explain", action="store_true", help="every condition and a text explanation"
    )
    sub.add_parser("standards", help="list the installed standards")
    tpl = sub.add_parser("template", help="write an XLSX input template")
    tpl.add_argument("-o", "--output", type=Path, default=Path("pingxing-facts-template.xlsx"))
    return parser


def rate_records(
    records: list[Any], standard_id: str | None, *, explain: bool
) -> tuple[list[dict[str, Any]], bool]:
    """Rate raw records; return the result dicts (input order) and whether all were valid."""
    standard = load_standard(standard_id)
    results = []
    all_valid = True
    for raw in records:
        facts, errors = validate_facts(raw.values) if raw.values or not raw.errors else (None, [])
        errors = list(raw.errors) + errors
        if facts is None or errors:
            all_valid = False
            results.append(
                invalid_to_dict(raw.values.get("org_code"), raw.values.get("year"), errors)
            )
        else:
            results.append(rating_to_dict(evaluate(standard, facts), explain=explain))
    return results, all_valid


def _rate(args: argparse.Namespace) -> int:
    try:
        records, warnings = read_input(args.input)
        results, all_valid = rate_records(records, args.standard, explain=args.explain)
    except (InputError, StandardError) as exc:
        print(f"pingxing rate: {exc}", file=sys.stderr)
        return 2
    for warning in warnings:
        print(f"pingxing rate: 警告：{warning}", file=sys.stderr)
    if args.format == "xlsx" and args.output is None:
        payload = write_results(results, "xlsx", None)
        assert isinstance(payload, bytes)
        sys.stdout.buffer.write(payload)
    else:
        payload = write_results(results, args.format, args.output)
        if args.output is None:
            assert isinstance(payload, str)
            sys.stdout.flush()
            sys.stdout.buffer.write(payload.encode("utf-8"))
    return 0 if all_valid else 1


def _standards() -> int:
    for info in list_standards():
        print(
            f"{info.id}\t{info.version}\t{info.levels} levels, {info.conditions} conditions\t{info.title}"
        )
    return 0


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    if args.command == "rate":
        return _rate(args)
    if args.command == "standards":
        return _standards()
    write_template(args.output)
    print(args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
