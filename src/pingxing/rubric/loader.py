"""Load a standard from TOML and check it against the facts contract.

Every problem is reported with where it is (``levels[3].conditions[2] (L3.2.x)``) and
what is wrong, all at once, in a ``StandardError``.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Mapping
from fractions import Fraction
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, cast

from pingxing.rubric.facts import (
    CONTRACT_REF_RE,
    DEFAULT_CONTRACT,
    contract_id,
    contract_registry,
    contract_version,
    field_map,
)
from pingxing.rubric.model import (
    CHECK_KINDS,
    UNRATED_TITLE,
    Check,
    CheckKind,
    Clause,
    Condition,
    KindTarget,
    Level,
    Procedure,
    Scale,
    ScaleValue,
    Standard,
    StandardInfo,
    StarRule,
    Target,
    Unjudged,
    Veto,
    ordinal_title,
)

DEFAULT_STANDARD = "shaoxing-county-2010-community"
_CONDITION_KEYS = {"id", "clause", "text", "check", "fact", "facts", "numerator", "denominator"}
_CONDITION_KEYS |= {"value", "scale", "percent", "note", "paraphrase", "rate", "otherwise"}


def _plain(text: str) -> str:
    """Text as compared with the annex: NFKC (，→, （→( …), without blanks."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def quotes(annex: str, text: str) -> bool:
    """Whether ``text`` quotes ``annex`` verbatim, "……" marking elided words (in order)."""
    haystack, at = _plain(annex), 0
    for part in (_plain(p) for p in text.split("……")):
        found = haystack.find(part, at)
        if found < 0:
            return False
        at = found + len(part)
    return True


class StandardError(ValueError):
    """The standard file is not valid; ``problems`` lists every problem found."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        super().__init__(f"{source}: " + "; ".join(problems))


def _standards_dir() -> Any:
    return resources.files("pingxing.rubric").joinpath("standards")


def list_standards(
    search: tuple[str, ...] = (), *, contract: str | None = DEFAULT_CONTRACT
) -> list[StandardInfo]:
    """The standards installed with Pingxing (``standards/*.toml``), then those in the
    folders of ``search`` (a county's own standards), by id: those judged on the facts
    contract named ``contract`` (default: the star standards' ``community-facts``), or all
    of them when ``contract`` is None."""
    out = []
    entries = sorted(_standards_dir().iterdir(), key=lambda e: e.name)
    for folder in search:
        entries += sorted(Path(folder).glob("*.toml"), key=lambda e: e.name)
    for entry in entries:
        if entry.name.endswith(".toml"):
            std = load_standard(entry.name.removesuffix(".toml"), search=search)
            if contract is not None and std.contract.split("/")[0] != contract:
                continue
            out.append(
                StandardInfo(
                    std.id,
                    std.version,
                    std.title,
                    std.source,
                    len(std.levels),
                    len(std.conditions()),
                    std.contract,
                )
            )
    return out


def load_standard(standard_id: str | None = None, *, search: tuple[str, ...] = ()) -> Standard:
    """An installed standard by id (default: the Shaoxing 2010 one), one in the folders of
    ``search`` by id, or a TOML file path."""
    sid = standard_id or DEFAULT_STANDARD
    if sid.endswith(".toml") or "/" in sid or "\\" in sid:
        return load_standard_file(Path(sid))
    if not _standards_dir().joinpath(f"{sid}.toml").is_file():
        for folder in search:
            path = Path(folder) / f"{sid}.toml"
            if path.is_file():
                return _load_path(str(path))
    return _load(sid)


@cache
def _load_path(path: str) -> Standard:
    return load_standard_file(Path(path))


@cache
def _load(sid: str) -> Standard:
    entry = _standards_dir().joinpath(f"{sid}.toml")
    if not entry.is_file():
        known = ", ".join(i.name.removesuffix(".toml") for i in _standards_dir().iterdir())
        raise StandardError(sid, [f"no such standard (installed: {known})"])
    return parse_standard(tomllib.loads(entry.read_text("utf-8")), source=f"{sid}.toml")


def load_standard_file(path: Path) -> Standard:
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise StandardError(str(path), [str(exc)]) from exc
    return parse_standard(data, source=str(path))


def parse_standard(data: Mapping[str, Any], *, source: str = "<standard>") -> Standard:
    """Build and validate a Standard from parsed TOML."""
    p = _Parser(source)
    std = p.standard(data)
    if p.problems:
        raise StandardError(source, p.problems)
    assert std is not None
    return std


class _Parser:
    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[str] = []
        self.scales: dict[str, Scale] = {}
        self.fields = field_map()

    def fail(self, where: str, what: str) -> None:
        self.problems.append(f"{where}: {what}")

    def text(self, d: Mapping[str, Any], key: str, where: str, default: str | None = None) -> str:
        value = d.get(key, default)
        if not isinstance(value, str) or (default is None and not value.strip()):
            self.fail(where, f"`{key}` must be a non-empty string")
            return ""
        return value

    def standard(self, data: Mapping[str, Any]) -> Standard | None:
        known = {"id", "version", "title", "source", "contract", "notes", "star_rule"}
        known |= {"clauses", "scales", "levels", "vetoes", "procedure", "targets"}
        known |= {"unrated_title", "kind_targets"}
        for key in data:
            if key not in known:
                self.fail("top level", f"unknown key `{key}`")
        sid = self.text(data, "id", "top level")
        version = self.text(data, "version", "top level")
        title = self.text(data, "title", "top level")
        source = self.text(data, "source", "top level", default="")
        contract = self.text(data, "contract", "top level")
        self.contract(contract)
        for name, raw in cast(dict[str, Any], data.get("scales", {})).items():
            self.scale(name, raw)
        clauses = self.clauses(data.get("clauses"))
        numbers = {c.number for c in clauses}
        raw_levels = data.get("levels")
        if not isinstance(raw_levels, list) or not raw_levels:
            self.fail("levels", "at least one level is required")
            raw_levels = []
        levels = tuple(self.level(i, raw, numbers) for i, raw in enumerate(raw_levels))
        for i, level in enumerate(levels, start=1):
            if level.star != i:
                self.fail(f"levels[{i - 1}]", f"star must be {i} (levels are 1..N in order)")
        vetoes = tuple(
            self.veto(i, raw, len(levels)) for i, raw in enumerate(data.get("vetoes", []))
        )
        rule = data.get("star_rule", {})
        if rule.get("kind") != "consecutive":
            self.fail("star_rule", 'kind must be "consecutive"')
        ids = [c.id for lv in levels for c in lv.conditions] + [v.id for v in vetoes]
        for dup in sorted({i for i in ids if ids.count(i) > 1}):
            self.fail("ids", f"duplicate id `{dup}`")
        notes = data.get("notes", [])
        procedure = self.procedure(data.get("procedure", {}), data.get("targets", []), len(levels))
        return Standard(
            id=sid,
            version=version,
            title=title,
            source=source,
            contract=contract,
            clauses=clauses,
            scales=tuple(self.scales.values()),
            levels=levels,
            vetoes=vetoes,
            star_rule=StarRule("consecutive", str(rule.get("text", ""))),
            notes=tuple(str(n) for n in notes),
            procedure=procedure,
            unrated_title=self.text(data, "unrated_title", "top level", default=UNRATED_TITLE),
            kind_targets=self.kind_targets(data.get("kind_targets", []), len(levels)),
        )

    def contract(self, ref: str) -> None:
        """Check the standard's ``contract`` ("org-facts/v1.0") against the installed
        contracts and read that contract's fields for the checks below."""
        if not ref:
            return
        match = CONTRACT_REF_RE.match(ref)
        known = ", ".join(f"{n}/vN[.N]" for n in sorted(contract_registry()))
        if match is None or match.group(1) not in contract_registry():
            self.fail("top level", f"contract `{ref}` is not an installed contract ({known})")
            return
        name = match.group(1)
        major, minor = int(match.group(2)), int(match.group(3) or 0)
        installed_id, installed = contract_id(name), contract_version(name)
        inst_major, _, inst_minor = installed.partition(".")
        if f"{name}/v{major}" != installed_id or str(major) != inst_major:
            self.fail("top level", f"contract `{ref}` is not {installed_id}[.N]")
        elif minor > int(inst_minor or 0):
            self.fail(
                "top level", f"contract `{ref}` is newer than the installed {installed}"
            )
        if name != DEFAULT_CONTRACT:
            self.fields = field_map(name)

    def kind_targets(self, raw: Any, n_levels: int) -> tuple[KindTarget, ...]:
        """``[[kind_targets]]``: kind = "enterprise", at_least = 1, percent = 60, text."""
        out: list[KindTarget] = []
        for i, t in enumerate(raw if isinstance(raw, list) else []):
            where = f"kind_targets[{i}]"
            kind, at_least = t.get("kind"), t.get("at_least", n_levels)
            if not isinstance(kind, str) or not kind:
                self.fail(where, "`kind` must be a non-empty string")
                continue
            if not isinstance(at_least, int) or not 1 <= at_least <= n_levels:
                self.fail(where, f"`at_least` must be a level between 1 and {n_levels}")
                continue
            try:
                share = Fraction(str(t.get("percent")))
            except (ValueError, ZeroDivisionError):
                self.fail(where, "`percent` must be a number")
                continue
            if not 0 < share <= 100:
                self.fail(where, "`percent` must be above 0 and at most 100")
                continue
            if any(k.kind == kind for k in out):
                self.fail(where, f"duplicate kind `{kind}`")
                continue
            out.append(KindTarget(kind, at_least, share, str(t.get("text", ""))))
        return tuple(out)

    def procedure(self, raw: Mapping[str, Any], targets: Any, n_levels: int) -> Procedure:
        where = "procedure"
        for key in raw:
            if key not in {"acceptance_from", "pay_base"}:
                self.fail(where, f"unknown key `{key}`")
        start = raw.get("acceptance_from")
        if start is not None and (not isinstance(start, int) or not 1 <= start <= n_levels):
            self.fail(where, f"`acceptance_from` must be a level between 1 and {n_levels}")
            start = None
        base = raw.get("pay_base", 1)
        if not isinstance(base, int) or not 0 <= base <= n_levels:
            self.fail(where, f"`pay_base` must be a star between 0 and {n_levels}")
            base = 1
        goals = []
        for i, t in enumerate(targets if isinstance(targets, list) else []):
            at_least, percent = t.get("at_least"), t.get("percent")
            if not isinstance(at_least, int) or not 1 <= at_least <= n_levels:
                self.fail(f"targets[{i}]", f"`at_least` must be a level between 1 and {n_levels}")
                continue
            try:
                share = Fraction(str(percent))
            except (ValueError, ZeroDivisionError):
                self.fail(f"targets[{i}]", "`percent` must be a number")
                continue
            if not 0 < share <= 100:
                self.fail(f"targets[{i}]", "`percent` must be above 0 and at most 100")
                continue
            goals.append(Target(at_least, share, str(t.get("text", ""))))
        return Procedure(acceptance_from=start, pay_base=base, targets=tuple(goals))

    def scale(self, name: str, raw: Mapping[str, Any]) -> None:
        where = f"scales.{name}"
        order = raw.get("order")
        if not isinstance(order, list) or len(order) < 2 or len(set(order)) != len(order):
            self.fail(where, "`order` must list at least two distinct values, worst first")
            return
        zh = raw.get("labels_zh", [str(v) for v in order])
        en = raw.get("labels_en", [str(v) for v in order])
        if len(zh) != len(order) or len(en) != len(order):
            self.fail(where, "labels_zh / labels_en must have one label per value")
            return
        for key in raw:
            if key not in {"order", "labels_zh", "labels_en", "title", "cumulative"}:
                self.fail(where, f"unknown key `{key}`")
        title = str(raw.get("title", ""))
        self.scales[name] = Scale(
            name, tuple(order), tuple(zh), tuple(en), title, bool(raw.get("cumulative", False))
        )

    def clauses(self, raw: Any) -> tuple[Clause, ...]:
        if not isinstance(raw, list) or not raw:
            self.fail("clauses", "at least one clause is required")
            return ()
        out = []
        for i, c in enumerate(raw):
            number = c.get("number")
            if not isinstance(number, int) or number != i + 1:
                self.fail(f"clauses[{i}]", f"number must be {i + 1}")
            out.append(
                Clause(i + 1, self.text(c, "title_zh", f"clauses[{i}]"), c.get("title_en", ""))
            )
        return tuple(out)

    def level(self, i: int, raw: Mapping[str, Any], clause_numbers: set[int]) -> Level:
        where = f"levels[{i}]"
        star = raw.get("star")
        if not isinstance(star, int):
            self.fail(where, "`star` must be an integer")
            star = i + 1
        annex = str(raw.get("annex", ""))
        conditions = []
        for j, c in enumerate(raw.get("conditions", [])):
            cid = c.get("id", "")
            cw = f"{where}.conditions[{j}] ({cid})"
            if not isinstance(cid, str) or not cid:
                self.fail(cw, "`id` is required")
            for key in c:
                if key not in _CONDITION_KEYS:
                    self.fail(cw, f"unknown key `{key}`")
            clause = c.get("clause")
            if clause not in clause_numbers:
                self.fail(cw, f"clause must be one of {sorted(clause_numbers)}")
                clause = 0
            text = self.text(c, "text", cw)
            check = self.check(c, cw)
            otherwise = c.get("otherwise")
            if otherwise is not None:
                if not isinstance(otherwise, dict):
                    self.fail(cw, "`otherwise` must be a table with a check")
                else:
                    check = Check(
                        check.kind,
                        check.facts,
                        check.value,
                        check.scale,
                        check.percent,
                        fallback=self.check(otherwise, f"{cw}.otherwise"),
                    )
            paraphrase = c.get("paraphrase", False) is True
            if annex and text and not paraphrase and not quotes(annex, text):
                self.fail(
                    cw, "`text` does not quote the level's `annex`; mark it `paraphrase = true`"
                )
            rate = str(c.get("rate", ""))
            note = str(c.get("note", ""))
            conditions.append(
                Condition(str(cid), star, clause, text, check, note, paraphrase, rate)
            )
        if not conditions:
            self.fail(where, "a level needs at least one condition")
        title = str(raw.get("title") or ordinal_title(star))
        unjudged = tuple(
            self.unjudged(u, f"{where}.unjudged[{k}]", annex, clause_numbers)
            for k, u in enumerate(raw.get("unjudged", []))
        )
        return Level(star, title, tuple(conditions), unjudged, annex)

    def unjudged(self, raw: Any, where: str, annex: str, clause_numbers: set[int]) -> Unjudged:
        if isinstance(raw, str):  # the older form: just the sentence
            return Unjudged(0, raw, "")
        if not isinstance(raw, dict):
            self.fail(where, "must be a table with `clause`, `text` and `why`")
            return Unjudged(0, "", "")
        clause = raw.get("clause", 0)
        if clause not in clause_numbers:
            self.fail(where, f"clause must be one of {sorted(clause_numbers)}")
        text = self.text(raw, "text", where)
        if annex and text and not quotes(annex, text):
            self.fail(where, "`text` does not quote the level's `annex`")
        return Unjudged(int(clause), text, str(raw.get("why", "")))

    def veto(self, i: int, raw: Mapping[str, Any], n_levels: int) -> Veto:
        where = f"vetoes[{i}] ({raw.get('id', '')})"
        vid = self.text(raw, "id", where)
        text = self.text(raw, "text", where)
        check = self.check(raw, where)
        bars = raw.get("bars")
        if (
            not isinstance(bars, list)
            or not bars
            or any(b not in range(1, n_levels + 1) for b in bars)
        ):
            self.fail(where, f"`bars` must list levels between 1 and {n_levels}")
            bars = []
        reason = str(raw.get("reason", ""))
        if reason and (self.fields.get(reason) is None or self.fields[reason].type != "string"):
            self.fail(where, f"`reason` `{reason}` is not a text fact of the contract")
        return Veto(vid, text, check, tuple(bars), str(raw.get("note", "")), reason)

    def check(self, c: Mapping[str, Any], where: str) -> Check:
        kind = c.get("check")
        if kind not in CHECK_KINDS:
            self.fail(where, f"check must be one of {', '.join(CHECK_KINDS)}")
            return Check("true", ())
        kind = cast(CheckKind, kind)
        if kind == "ratio_at_least":
            facts: tuple[str, ...] = (str(c.get("numerator")), str(c.get("denominator")))
        elif kind == "sum_zero":
            raw_facts = c.get("facts")
            if not isinstance(raw_facts, list) or not raw_facts:
                self.fail(where, "sum_zero needs `facts`, a list of counts")
                raw_facts = []
            facts = tuple(str(f) for f in raw_facts)
        else:
            facts = (str(c.get("fact")),)
        wanted = {"true": "boolean", "false": "boolean"}.get(kind, "integer")
        for name in facts:
            spec = self.fields.get(name)
            if spec is None:
                self.fail(where, f"`{name}` is not a fact of the contract")
            elif kind == "at_least" and spec.enum is not None:
                pass
            elif spec.type != wanted:
                self.fail(where, f"`{name}` is {spec.type}; check `{kind}` needs {wanted}")
        if kind == "at_least":
            return self.at_least(c, facts[0], where)
        if kind == "ratio_at_least":
            return Check(kind, facts, percent=self.percent(c.get("percent"), where))
        return Check(kind, facts)

    def at_least(self, c: Mapping[str, Any], fact: str, where: str) -> Check:
        value = c.get("value")
        scale_name = c.get("scale")
        spec = self.fields.get(fact)
        if scale_name is None:
            if spec is not None and spec.enum is not None:
                self.fail(where, f"`{fact}` is an enum; give a `scale`")
            if not isinstance(value, int) or isinstance(value, bool):
                self.fail(where, "at_least needs an integer `value`")
                value = 0
            return Check("at_least", (fact,), value=value)
        scale = self.scales.get(str(scale_name))
        if scale is None:
            self.fail(where, f"unknown scale `{scale_name}`")
            return Check("at_least", (fact,), value=0)
        if spec is not None and spec.enum is None and spec.maximum is not None:
            steps = set(range(spec.minimum or 0, spec.maximum + 1))
            if set(scale.order) != steps:
                self.fail(where, f"scale `{scale.name}` does not list the values of `{fact}`")
        if value not in scale.order:
            self.fail(where, f"value {value!r} is not on scale `{scale.name}`")
            value = scale.order[0]
        if spec is not None and spec.enum is not None and set(scale.order) != set(spec.enum):
            self.fail(where, f"scale `{scale.name}` does not list the values of `{fact}`")
        return Check("at_least", (fact,), value=cast(ScaleValue, value), scale=scale)

    def percent(self, raw: Any, where: str) -> Fraction:
        try:
            pct = Fraction(str(raw))
        except (ValueError, ZeroDivisionError):
            self.fail(where, '`percent` must be a number such as "95" or "94.5"')
            return Fraction(100)
        if not 0 <= pct <= 100:
            self.fail(where, "`percent` must be between 0 and 100")
        return pct
