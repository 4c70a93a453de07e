"""The declaration form, generated from the facts contract and the standard.

Facts are grouped by the standard's four clauses, each shown with the standard's own
wording; parsing turns form data back into contract values (empty = unknown). A fact the
contract's bounds already decide (已调处数 when 矛盾纠纷总数 is 0) is marked `decided`, with
why, so the form can skip it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pingxing import rubric

IDENTITY_FIELDS = ("org_code", "org_name", "year")
ENUM_LABELS = {"none": "无", "county": "县级", "city": "市级", "province": "省级", "national": "全国"}
# "0 未建立; 1 已建立; 2 …" in a contract description gives the labels of an ordinal.
_ORDINAL_RE = re.compile(r"(\d)\s+([^;.]+?)(?=;|\.|$)")


@dataclass
class FactInput:
    spec: rubric.FieldSpec
    value: Any
    wordings: list[str] = field(default_factory=list)
    options: list[tuple[str, str]] = field(default_factory=list)  # (value, label); empty = number box
    error: str = ""
    corrected: Any = None
    correction_reason: str = ""
    #: why the contract's bounds decide this fact given the others ("" = not decided)
    decided: str = ""
    decided_value: Any = None

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def is_decided(self) -> bool:
        """Left empty, the fact is taken as ``decided_value``: the form may skip it."""
        return bool(self.decided) and self.value is None

    @property
    def widget(self) -> str:
        if self.spec.type == "boolean":
            return "boolean"
        return "select" if self.options else "number" if self.spec.type == "integer" else "text"

    @property
    def display_value(self) -> str:
        return display(self.spec, self.value)


@dataclass
class ClauseGroup:
    number: int
    title: str
    facts: list[FactInput]


# The contract words a few ordinal steps in English only; the form speaks Chinese.
_ORDINAL_LABELS_ZH = {
    ("criminal_case_volume_level", "0"): "尚未维持在较低水平",
    ("security_satisfaction_level", "0"): "尚未达到较高",
}
# 文化社区等级: grade 1 is the best, 0 means none — listed best first.
_GRADE_OPTIONS = {"cultural_community_grade": [("1", "一级"), ("2", "二级"), ("3", "三级"), ("0", "未创建")]}


def _options(spec: rubric.FieldSpec, standard: rubric.Standard | None = None) -> list[tuple[str, str]]:
    if spec.name in _GRADE_OPTIONS:
        return _GRADE_OPTIONS[spec.name]
    scale = standard.scale_for(spec.name) if standard is not None else None
    if scale is not None and spec.enum is None and all(isinstance(v, int) for v in scale.order):
        # the standard's own labels of an ordinal, in its order (worst first)
        return [(str(v), f"{v} {scale.label(v)}") for v in scale.order]
    if spec.enum:
        return [(v, ENUM_LABELS.get(v, v)) for v in spec.enum]
    if spec.type == "integer" and spec.maximum is not None and spec.maximum <= 5:
        found: dict[str, str] = {}
        for number, label in _ORDINAL_RE.findall(spec.description):
            found.setdefault(number, _ORDINAL_LABELS_ZH.get((spec.name, number), label))  # the scale comes first; later prose ("Clause 2 of …") is not a label
        if len(found) >= spec.maximum - (spec.minimum or 0):
            return [(str(n), f"{n} {found.get(str(n), '').strip()}") for n in range(spec.minimum or 0, spec.maximum + 1)]
    return []


def display(spec: rubric.FieldSpec, value: Any) -> str:
    if value is None:
        return "未填"
    if spec.type == "boolean":
        return "是" if value else "否"
    for option, label in _options(spec):
        if option == str(value):
            return label
    return str(value)


def clause_groups(
    standard: rubric.Standard, values: Mapping[str, Any], errors: Mapping[str, str] | None = None
) -> list[ClauseGroup]:
    """The facts of the form, by clause, in contract order, with the standard's wording."""
    errors = errors or {}
    specs = {s.name: s for s in rubric.contract_fields()}
    usage = standard.fact_usage()
    known = {k: v for k, v in values.items() if v is not None and v != ""}
    decided = {d.field: d for d in rubric.derive_forced(known)}
    groups = []
    placed: set[str] = set()
    for number, names in sorted(standard.facts_by_clause().items()):
        order = [n for n in specs if n in names]
        facts = [
            FactInput(
                spec=specs[n], value=values.get(n), error=errors.get(n, ""),
                wordings=list(dict.fromkeys(f"{u.level}星·{u.text}" for u in usage.get(n, ()))),
                options=_options(specs[n], standard),
                decided=decided[n].message_zh if n in decided else "",
                decided_value=decided[n].value if n in decided else None,
            )
            for n in order
        ]
        placed.update(order)
        groups.append(ClauseGroup(number, standard.clause(number).title_zh, facts))
    rest = [n for n in specs if n not in placed and n not in IDENTITY_FIELDS]
    if rest:
        groups.append(ClauseGroup(
            0, "一票否决及其他事实",
            [FactInput(spec=specs[n], value=values.get(n), error=errors.get(n, ""), options=_options(specs[n], standard))
             for n in rest],
        ))
    return groups


def parse(data: Mapping[str, Any], prefix: str = "") -> tuple[dict[str, Any], dict[str, str]]:
    """Form data → contract values. Empty means unknown (left out). Errors by field."""
    facts: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for spec in rubric.contract_fields():
        if spec.name in IDENTITY_FIELDS:
            continue
        raw = data.get(prefix + spec.name)
        if raw is None or str(raw).strip() == "":
            continue
        raw = str(raw).strip()
        if spec.type == "boolean":
            if raw in ("true", "1", "是"):
                facts[spec.name] = True
            elif raw in ("false", "0", "否"):
                facts[spec.name] = False
            else:
                errors[spec.name] = f"“{spec.title}”须为“是”或“否”。"
        elif spec.type == "integer":
            try:
                facts[spec.name] = int(raw)
            except ValueError:
                errors[spec.name] = f"“{spec.title}”须为整数，收到“{raw[:20]}”。"
        else:
            facts[spec.name] = raw
    return facts, errors


def parse_corrections(
    data: Mapping[str, Any], previous: Mapping[str, Any]
) -> tuple[dict[str, tuple[Any, str]], dict[str, str]]:
    """A review form's changed facts ("c_<fact>") each with its reason ("r_<fact>"), and the
    values that could not be read, by field. Whether a reason is required is the service's rule."""
    values, errors = parse(data, prefix="c_")
    corrections: dict[str, tuple[Any, str]] = {}
    for spec in rubric.contract_fields():
        name = spec.name
        if name in IDENTITY_FIELDS or name in errors or values.get(name) == previous.get(name):
            continue
        corrections[name] = (values.get(name), str(data.get("r_" + name, "")).strip())
    return corrections, errors
