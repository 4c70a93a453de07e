"""The facts contracts: field specs, validation, the values a contract's own bounds force,
and cell coercion.

Each contract is a JSON Schema in ``contract/*.schema.json`` whose ``$id`` names it
(``community-facts/v1`` -> ``community-facts``; ``org-facts/v1`` -> ``org-facts``). The
registry is the folder itself: a standard's ``contract`` key ("org-facts/v1.0") selects
the schema, so a further contract is one more file, no code. Every function takes an
optional ``contract`` (a name or a versioned reference); without it, the default
``community-facts`` contract (a copy of ``shared/contracts``) is meant, as before.
Read through ``importlib.resources`` so the program never needs the shared folder at run time.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from pingxing.rubric.model import FactValue

#: the contract meant when none is named (the star standard's)
DEFAULT_CONTRACT = "community-facts"
#: the default contract's file (kept for callers that read it directly)
CONTRACT_FILE = "community-facts.schema.json"
_SCHEMA_SUFFIX = ".schema.json"
#: a contract reference: ``name/vMAJOR[.MINOR]``
CONTRACT_REF_RE = re.compile(r"^([a-z][a-z0-9-]*)/v(\d+)(?:\.(\d+))?$")


class UnknownContractError(ValueError):
    """A contract name or reference that no installed schema carries."""

    def __init__(self, name: str) -> None:
        self.name = name
        known = ", ".join(sorted(contract_registry())) or "none"
        super().__init__(f"unknown facts contract `{name}` (installed: {known})")


#: Chinese labels accepted for the level enum, in contract order
ENUM_LABELS_ZH = {
    "none": "无",
    "county": "县级",
    "city": "市级",
    "province": "省级",
    "national": "全国",
}
_TRUE_CELLS = {"true", "1", "是", "yes", "y", "t", "√", "✓"}
_FALSE_CELLS = {"false", "0", "否", "no", "n", "f", "×", "✗"}


@dataclass(frozen=True, slots=True)
class FieldSpec:
    name: str
    type: str  # "string" | "integer" | "boolean"
    title: str
    description: str
    required: bool
    enum: tuple[str, ...] | None = None
    minimum: int | None = None
    maximum: int | None = None
    min_length: int | None = None
    #: how a count reads in Chinese, "{n}" the count ("未按月公开 {n} 个月")
    count_zh: str | None = None


@dataclass(frozen=True, slots=True)
class FactError:
    field: str
    message_zh: str
    message_en: str


@dataclass(frozen=True, slots=True)
class Derivation:
    """A fact not given but forced by the contract's bounds (``field`` <= ``source`` = 0)."""

    field: str
    value: int
    source: str
    message_zh: str
    message_en: str


@dataclass(frozen=True, eq=False)
class Facts:
    """One valid record: org_code, year, and every field given (absent = unknown), plus the
    facts the contract's bounds force (``derived``; they are in ``values`` too)."""

    org_code: str
    year: int
    values: Mapping[str, FactValue]
    derived: tuple[Derivation, ...] = ()
    #: the contract the record was validated against
    contract: str = DEFAULT_CONTRACT

    def get(self, name: str) -> FactValue:
        return self.values.get(name)

    def replace(self, changes: Mapping[str, FactValue]) -> dict[str, FactValue]:
        """The record as given, with ``changes`` applied (``None`` makes a fact unknown).

        Derived facts are left out: they are derived again from the changed record."""
        forced = {d.field for d in self.derived}
        record = {k: v for k, v in self.values.items() if k not in forced}
        record.update(changes)
        return record


def _contract_dir() -> Any:
    return resources.files("pingxing.rubric").joinpath("contract")


@cache
def contract_registry() -> dict[str, str]:
    """Installed contracts: name (the ``$id`` before "/") -> schema file in ``contract/``."""
    out: dict[str, str] = {}
    for entry in sorted(_contract_dir().iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(_SCHEMA_SUFFIX):
            continue
        schema = json.loads(entry.read_text("utf-8"))
        name = str(schema.get("$id", entry.name.removesuffix(_SCHEMA_SUFFIX))).split("/")[0]
        out[name] = entry.name
    return out


def contract_name(contract: str | None = None) -> str:
    """The registered name of ``contract`` (a name, or a reference such as
    ``org-facts/v1.0``); raises ``UnknownContractError`` when none is installed."""
    if contract is None:
        return DEFAULT_CONTRACT
    match = CONTRACT_REF_RE.match(contract)
    name = match.group(1) if match else contract
    if name not in contract_registry():
        raise UnknownContractError(contract)
    return name


def contract_file(contract: str | None = None) -> str:
    """The schema file (in ``contract/``) of ``contract``."""
    return contract_registry()[contract_name(contract)]


@cache
def _schema(name: str) -> dict[str, Any]:
    text = _contract_dir().joinpath(contract_registry()[name]).read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def contract_schema(contract: str | None = None) -> dict[str, Any]:
    return _schema(contract_name(contract))


def contract_id(contract: str | None = None) -> str:
    """The contract's ``$id`` ("community-facts/v1"); the major version is part of it."""
    return str(contract_schema(contract).get("$id", contract_name(contract)))


def contract_version(contract: str | None = None) -> str:
    """The installed contract's version ("1.1"); its id stays ``community-facts/v1``."""
    return str(contract_schema(contract).get("version", "1.0"))


@cache
def _fields_of(name: str) -> tuple[FieldSpec, ...]:
    schema = _schema(name)
    required = set(schema.get("required", []))
    out = []
    for fname, prop in schema["properties"].items():
        enum = tuple(prop["enum"]) if "enum" in prop else None
        out.append(
            FieldSpec(
                name=fname,
                type=prop["type"],
                title=prop.get("title", fname),
                description=prop.get("description", ""),
                required=fname in required,
                enum=enum,
                minimum=prop.get("minimum"),
                maximum=prop.get("maximum"),
                min_length=prop.get("minLength"),
                count_zh=prop.get("x-count-zh"),
            )
        )
    return tuple(out)


def _fields(contract: str | None = None) -> tuple[FieldSpec, ...]:
    return _fields_of(contract_name(contract))


def contract_fields(contract: str | None = None) -> list[FieldSpec]:
    """Every field of the contract, in contract (= import template) order."""
    return list(_fields(contract))


@cache
def _field_map_of(name: str) -> dict[str, FieldSpec]:
    return {f.name: f for f in _fields_of(name)}


def field_map(contract: str | None = None) -> dict[str, FieldSpec]:
    return _field_map_of(contract_name(contract))


@cache
def any_field_map() -> dict[str, FieldSpec]:
    """Every installed contract's fields, the default contract's first (for wording that
    only has a fact's name, such as explanations)."""
    names = [DEFAULT_CONTRACT, *(n for n in contract_registry() if n != DEFAULT_CONTRACT)]
    out: dict[str, FieldSpec] = {}
    for name in names:
        if name in contract_registry():
            for spec in _fields_of(name):
                out.setdefault(spec.name, spec)
    return out


def normalize_header(text: object) -> str:
    """A column header as compared: NFKC (full-width letters, digits and brackets become
    half-width), trimmed, without the "*" a template may put after a required field."""
    if text is None:
        return ""
    return unicodedata.normalize("NFKC", str(text)).strip().rstrip("*").strip()


@cache
def _header_map_of(name: str) -> dict[str, str]:
    out = {normalize_header(f.title): f.name for f in _fields_of(name)}
    out.update({f.name: f.name for f in _fields_of(name)})
    return out


def header_map(contract: str | None = None) -> dict[str, str]:
    """Normalized column header (field name or Chinese title) -> field name."""
    return _header_map_of(contract_name(contract))


def header_field(text: object, contract: str | None = None) -> str | None:
    """The field a column header names (after normalization), or None."""
    return header_map(contract).get(normalize_header(text))


# Cross-field rules of the contract: (smaller, larger) pairs of counts. Counts are >= 0,
# so a larger count of 0 forces the smaller one to 0 (``derive_forced``). Listed so that a
# pair comes after the pair that may force its larger count (total -> mediated -> resolved).
NOT_MORE_THAN: tuple[tuple[str, str, str], ...] = (
    ("disputes_mediated", "disputes_total", "已调处数不能大于矛盾纠纷总数"),
    ("disputes_resolved", "disputes_mediated", "调处成功数不能大于已调处数"),
    ("serious_safety_accidents", "safety_accidents", "重大安全生产事故数不能大于事故总数"),
    (
        "principal_cadre_violation_cases",
        "cadre_violation_cases",
        "主职干部案件数不能大于社区干部案件数",
    ),
)


@cache
def _not_more_than_of(name: str) -> tuple[tuple[str, str, str], ...]:
    """The (smaller, larger, message) rules of a contract: the default contract's table
    above, and for every contract the pairs its schema declares with ``x-not-more-than``
    (a property naming the count it can not exceed; ``x-not-more-than-zh`` the message)."""
    rules = list(NOT_MORE_THAN) if name == DEFAULT_CONTRACT else []
    fields = _schema(name)["properties"]
    for small, prop in fields.items():
        large = prop.get("x-not-more-than")
        if isinstance(large, str) and large in fields:
            title_s = prop.get("title", small)
            title_l = fields[large].get("title", large)
            zh = prop.get("x-not-more-than-zh") or f"{title_s}不能大于{title_l}"
            if (small, large) not in {(a, b) for a, b, _ in rules}:
                rules.append((small, large, str(zh)))
    return tuple(rules)


def not_more_than(contract: str | None = None) -> tuple[tuple[str, str, str], ...]:
    return _not_more_than_of(contract_name(contract))


def _check_value(spec: FieldSpec, value: object) -> tuple[str, str] | None:
    """Why ``value`` is not valid for ``spec`` (zh, en), or None when it is."""
    if spec.type == "boolean":
        if not isinstance(value, bool):
            return "应为布尔值（是/否）", "must be a boolean (true/false)"
        return None
    if spec.type == "integer":
        if isinstance(value, bool) or not isinstance(value, int):
            return "应为整数", "must be a whole number"
        if spec.minimum is not None and value < spec.minimum:
            return f"不能小于 {spec.minimum}", f"must be at least {spec.minimum}"
        if spec.maximum is not None and value > spec.maximum:
            return f"不能大于 {spec.maximum}", f"must be at most {spec.maximum}"
        return None
    if not isinstance(value, str):
        return "应为文本", "must be a string"
    if spec.min_length is not None and len(value) < spec.min_length:
        return "不能为空", "must not be empty"
    if spec.enum is not None and value not in spec.enum:
        allowed = "/".join(spec.enum)
        return f"取值应为 {allowed} 之一", f"must be one of {allowed}"
    return None


def validate_facts(
    record: Mapping[str, object], *, contract: str | None = None
) -> tuple[Facts | None, list[FactError]]:
    """Check one record against the contract; return the facts, or None and the errors.

    Types are strict (JSON types: ``true``, ``3``, ``"city"``; an integral float like
    ``3.0`` is taken as 3). ``None`` means unknown. Unknown field names are errors.
    """
    cname = contract_name(contract)
    fields = field_map(cname)
    errors: list[FactError] = []
    values: dict[str, FactValue] = {}
    for name, raw in record.items():
        spec = fields.get(name)
        if spec is None:
            errors.append(
                FactError(
                    name, f"“{name}”不是考评事实的字段", "is not a field of the facts contract"
                )
            )
            continue
        if raw is None:
            continue
        value: object = raw
        if isinstance(raw, float) and spec.type == "integer" and raw.is_integer():
            value = int(raw)
        problem = _check_value(spec, value)
        if problem is not None:
            errors.append(FactError(name, f"{spec.title}：{problem[0]}", f"{name} {problem[1]}"))
            continue
        values[name] = value  # type: ignore[assignment]
    for spec in fields.values():
        if spec.required and values.get(spec.name) is None and spec.name not in _names(errors):
            errors.append(FactError(spec.name, f"{spec.title}：必填", f"{spec.name} is required"))
    errors.extend(_cross_field_errors(values, cname))
    if errors:
        return None, errors
    derived = derive_forced(values, contract=cname)
    for d in derived:
        values[d.field] = d.value
    return Facts(str(values["org_code"]), int(values["year"]), values, derived, cname), []  # type: ignore[arg-type]


def derive_forced(
    values: Mapping[str, object], *, contract: str | None = None
) -> tuple[Derivation, ...]:
    """The unknown counts that the contract's bounds force: a count that can not exceed
    another count of 0 is 0 (已调处数 <= 矛盾纠纷总数 = 0 gives 0, and so on down the chain)."""
    fields = field_map(contract)
    known = dict(values)
    out: list[Derivation] = []
    for small, large, _zh in not_more_than(contract):
        if (
            known.get(small) is not None
            or known.get(large) != 0
            or isinstance(known.get(large), bool)
        ):
            continue
        known[small] = 0
        s_title, l_title = fields[small].title, fields[large].title
        via = "（已由上条推定）" if any(d.field == large for d in out) else ""
        out.append(
            Derivation(
                small,
                0,
                large,
                f"{l_title}为 0{via}，{s_title}不能大于它，故推定为 0",
                f"{small} is 0 because {large} is 0 and {small} can not exceed it",
            )
        )
    return tuple(out)


def _names(errors: list[FactError]) -> set[str]:
    return {e.field for e in errors}


def _cross_field_errors(values: Mapping[str, FactValue], contract: str) -> list[FactError]:
    errors = []
    for small, large, zh in not_more_than(contract):
        a, b = values.get(small), values.get(large)
        if isinstance(a, int) and isinstance(b, int) and a > b:
            errors.append(
                FactError(
                    small, f"{zh}（{a} > {b}）", f"{small} ({a}) can not exceed {large} ({b})"
                )
            )
    if values.get("other_disqualification") is True:
        reason = values.get("other_disqualification_reason")
        if not isinstance(reason, str) or not reason.strip():
            errors.append(
                FactError(
                    "other_disqualification_reason",
                    "存在其他不符合条件的情形时，必须说明情形",
                    "a reason is required when other_disqualification is true",
                )
            )
    return errors


def coerce_cells(
    row: Mapping[str, object], *, contract: str | None = None
) -> dict[str, object]:
    """Turn a CSV/XLSX row (keyed by field name) into JSON-typed values.

    Empty cells are unknown (None). Booleans may be true/false, 1/0, 是/否; enums may be
    the contract's codes or their Chinese labels (县级, 市级 …). Values that can not be
    converted are passed on unchanged so that ``validate_facts`` names the field.
    """
    fields = field_map(contract)
    out: dict[str, object] = {}
    for name, cell in row.items():
        spec = fields.get(name)
        if cell is None or (isinstance(cell, str) and not cell.strip()):
            out[name] = None
            continue
        if spec is None:
            out[name] = cell
            continue
        out[name] = _coerce(spec, cell)
    return out


_ENUM_FROM_LABEL = {v: k for k, v in ENUM_LABELS_ZH.items()}


def _coerce(spec: FieldSpec, cell: object) -> object:
    if isinstance(cell, str):
        text = cell.strip()
        if spec.type == "boolean":
            low = text.lower()
            if low in _TRUE_CELLS:
                return True
            if low in _FALSE_CELLS:
                return False
            return text
        if spec.type == "integer":
            try:
                number = float(text)
            except ValueError:
                return text
            return int(number) if number.is_integer() else number
        if spec.enum is not None:
            return _ENUM_FROM_LABEL.get(text, text)
        return text
    if spec.type == "boolean" and isinstance(cell, int | float) and not isinstance(cell, bool):
        return {1: True, 0: False}.get(int(cell), cell) if float(cell) in (0.0, 1.0) else cell
    if spec.type == "string" and isinstance(cell, int | float) and not isinstance(cell, bool):
        return str(int(cell)) if float(cell).is_integer() else str(cell)
    return cell
