"""Explanations: what each condition requires, what the record has, and the 差距.

Chinese (``lang="zh"``, the default) and English (``lang="en"``) wording. The JSON form
of a rating (``rating_to_dict``) is what ``pingxing rate`` writes.
"""

from __future__ import annotations

from fractions import Fraction
from functools import cache
from typing import Any

from pingxing.rubric.evaluate import ConditionResult, LevelResult, Rating, VetoResult
from pingxing.rubric.facts import FactError, field_map
from pingxing.rubric.model import (
    UNRATED_TITLE,
    Check,
    Condition,
    FactValue,
    Standard,
    ordinal_title,
)

STATUS_ZH = {"met": "达到", "failed": "未达到", "unknown": "未知", "not_met": "未达到"}
STATUS_ZH |= {"applied": "否决", "clear": "无", "unknown_veto": "未知"}


def fact_title(name: str, lang: str = "zh") -> str:
    spec = field_map().get(name)
    return spec.title if spec is not None and lang == "zh" else name


def star_label(star: int | None, lang: str = "zh") -> str:
    if star is None:
        return "无效" if lang == "zh" else "invalid"
    if lang == "zh":
        return UNRATED_TITLE if star == 0 else ordinal_title(star)
    return "unrated" if star == 0 else f"{star} star" + ("s" if star > 1 else "")


def _percent(frac: Fraction) -> str:
    if frac.denominator == 1:
        return f"{frac.numerator}%"
    return f"{float(frac):.2f}".rstrip("0").rstrip(".") + "%"


def format_value(check: Check, value: FactValue, lang: str = "zh") -> str:
    if value is None:
        return "未知" if lang == "zh" else "unknown"
    if isinstance(value, bool):
        return ("是" if value else "否") if lang == "zh" else ("true" if value else "false")
    if check.scale is not None:
        return check.scale.label(value, lang)
    return str(value)


@cache
def required_text(check: Check, lang: str = "zh") -> str:
    """What the check requires, e.g. ``≥ 市级``, ``= 0``, ``≥ 95%``."""
    kind = check.kind
    if kind in ("true", "false"):
        want = kind == "true"
        return ("是" if want else "否") if lang == "zh" else str(want).lower()
    if kind == "at_least":
        shown = format_value(check, check.value, lang)
        return (
            f"≥ {shown}"
            if check.scale is None
            else (f"{shown}以上" if lang == "zh" else f"{shown} or better")
        )
    if kind == "zero":
        return "= 0"
    if kind == "sum_zero":
        return " + ".join(fact_title(f, lang) for f in check.facts) + " = 0"
    assert check.percent is not None
    num, den = check.facts
    rate = f"{num} / {den}" if lang == "en" else f"{fact_title(num)} / {fact_title(den)}"
    return f"{rate} ≥ {_percent(check.percent)}"


def actual_text(check: Check, actual: tuple[tuple[str, FactValue], ...], lang: str = "zh") -> str:
    if check.kind == "ratio_at_least":
        (_, num), (_, den) = actual
        if den == 0:
            return "无分母，视为 100%" if lang == "zh" else "empty denominator, taken as 100%"
        if isinstance(num, int) and isinstance(den, int):
            return f"{num}/{den} = {_percent(Fraction(num * 100, den))}"
    if len(actual) == 1:
        return format_value(check, actual[0][1], lang)
    sep = "，" if lang == "zh" else ", "
    return sep.join(f"{fact_title(f, lang)} = {format_value(check, v, lang)}" for f, v in actual)


def condition_message(
    condition: Condition, status: str, actual: tuple[tuple[str, FactValue], ...], lang: str = "zh"
) -> str:
    check = condition.check
    req = required_text(check, lang)
    act = actual_text(check, actual, lang)
    if lang == "zh":
        if status == "unknown":
            missing = "、".join(fact_title(f) for f, v in actual if v is None)
            return f"第{condition.clause}条“{condition.text}”：缺少事实（{missing}），无法判断"
        verdict = "达到" if status == "met" else "未达到"
        return f"第{condition.clause}条“{condition.text}”{verdict}：实际为 {act}，要求 {req}"
    if status == "unknown":
        missing = ", ".join(f for f, v in actual if v is None)
        return f"clause {condition.clause} “{condition.text}”: missing facts ({missing}), can not judge"
    verdict = "met" if status == "met" else "not met"
    return f"clause {condition.clause} “{condition.text}” {verdict}: actual {act}, required {req}"


_DICTS: dict[tuple[int, str, tuple[FactValue, ...]], tuple[Condition, dict[str, Any]]] = {}


def _condition_dict(
    cond: Condition, status: str, values: tuple[FactValue, ...], standard: Standard
) -> dict[str, Any]:
    """The explanation of one condition with these fact values (in ``cond.check.facts`` order).

    The same condition with the same values explains the same way, so the dict is memoized
    (bounded) and shared between records: treat it as read-only (it is only serialized).
    """
    key = (id(cond), status, values)
    hit = _DICTS.get(key)
    if hit is None or hit[0] is not cond:
        if len(_DICTS) > 50_000:
            _DICTS.clear()
        actual = tuple(zip(cond.check.facts, values, strict=True))
        hit = (
            cond,
            {
                "kind": "condition",
                "id": cond.id,
                "level": cond.level,
                "clause": cond.clause,
                "clause_title": standard.clause(cond.clause).title_zh if cond.clause else "",
                "text": cond.text,
                "status": status,
                "facts": list(cond.check.facts),
                "actual": dict(actual),
                "required": required_text(cond.check),
                "required_en": required_text(cond.check, "en"),
                "message": condition_message(cond, status, actual),
                "message_en": condition_message(cond, status, actual, "en"),
            },
        )
        _DICTS[key] = hit
    return hit[1]


def condition_to_dict(result: ConditionResult, standard: Standard) -> dict[str, Any]:
    return _condition_dict(result.condition, result.status, tuple(v for _f, v in result.actual), standard)


def _level_condition_dicts(
    level: LevelResult, standard: Standard
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The failed and the unknown conditions of a level, in one pass over its statuses."""
    failed: list[dict[str, Any]] = []
    unknown: list[dict[str, Any]] = []
    statuses = level.statuses
    if "failed" not in statuses and "unknown" not in statuses:
        return failed, unknown
    get = level.values.get
    for cond, status in zip(level.level.conditions, statuses, strict=True):
        if status == "met":
            continue
        item = _condition_dict(cond, status, tuple(map(get, cond.check.facts)), standard)
        (failed if status == "failed" else unknown).append(item)
    return failed, unknown


def veto_message(result: VetoResult, lang: str = "zh") -> str:
    text = result.veto.text
    if lang == "zh":
        return {
            "applied": f"一票否决：{text}（不能评为 {'、'.join(str(b) for b in result.veto.bars)} 星级）",
            "clear": f"一票否决“{text}”：无",
            "unknown": f"一票否决“{text}”：缺少事实，无法确认",
        }[result.status]
    return {
        "applied": f"veto: {text} (bars {', '.join(str(b) for b in result.veto.bars)} stars)",
        "clear": f"veto “{text}”: does not apply",
        "unknown": f"veto “{text}”: missing fact, can not confirm",
    }[result.status]


def veto_to_dict(result: VetoResult) -> dict[str, Any]:
    return {
        "kind": "veto",
        "id": result.veto.id,
        "text": result.veto.text,
        "status": result.status,
        "bars": list(result.veto.bars),
        "facts": list(result.veto.check.facts),
        "actual": dict(result.actual),
        "message": veto_message(result),
        "message_en": veto_message(result, "en"),
    }


def gap_to_dict(item: ConditionResult | VetoResult, standard: Standard) -> dict[str, Any]:
    if isinstance(item, VetoResult):
        return veto_to_dict(item)
    return condition_to_dict(item, standard)


def level_to_dict(
    level: LevelResult, standard: Standard, *, explain: bool = False
) -> dict[str, Any]:
    failed, unknown = _level_condition_dicts(level, standard)
    out: dict[str, Any] = {
        "star": level.star,
        "title": level.level.title,
        "status": level.status,
        "failed": failed,
        "unknown": unknown,
        "vetoes_applied": [veto_to_dict(v) for v in level.vetoes_applied],
        "missing_facts": list(level.missing_facts),
    }
    if explain:
        out["conditions"] = [condition_to_dict(c, standard) for c in level.conditions]
        out["vetoes"] = [veto_to_dict(v) for v in level.vetoes]
        out["unjudged"] = list(level.level.unjudged)
    return out


def rating_to_dict(rating: Rating, *, explain: bool = False) -> dict[str, Any]:
    """The JSON form of one rating, as written by ``pingxing rate``."""
    std = rating.standard
    out: dict[str, Any] = {
        "org_code": rating.org_code,
        "year": rating.year,
        "star": rating.star,
        "errors": [],
        "vetoed": rating.vetoed,
        "standard": std.id,
        "standard_version": std.version,
        "possible_star": rating.possible_star,
        "missing_facts": list(rating.missing_facts),
        "levels": [level_to_dict(lv, std, explain=explain) for lv in rating.levels],
        "next_star_gaps": [gap_to_dict(g, std) for g in rating.next_star_gaps],
    }
    if explain:
        out["explanation"] = rating_text(rating)
        out["explanation_en"] = rating_text(rating, "en")
    return out


def invalid_to_dict(org_code: object, year: object, errors: list[FactError]) -> dict[str, Any]:
    return {
        "org_code": org_code,
        "year": year,
        "star": None,
        "errors": [
            {"field": e.field, "message": e.message_zh, "message_en": e.message_en} for e in errors
        ],
        "vetoed": False,
        "levels": [],
        "next_star_gaps": [],
    }


def rating_text(rating: Rating, lang: str = "zh") -> str:
    """A short human explanation: the star, why not higher, what is missing."""
    zh = lang == "zh"
    lines = [
        (
            f"评定结果：{star_label(rating.star)}"
            if zh
            else f"Result: {star_label(rating.star, 'en')}"
        )
    ]
    for v in rating.vetoes_applied:
        lines.append(veto_message(v, lang))
    nxt = rating.next_star
    if nxt is not None:
        head = f"距{star_label(nxt)}的差距：" if zh else f"Gaps to {star_label(nxt, 'en')}:"
        lines.append(head)
        for g in rating.next_star_gaps:
            if isinstance(g, VetoResult):
                lines.append("  - " + veto_message(g, lang))
            else:
                lines.append("  - " + condition_message(g.condition, g.status, g.actual, lang))
    if rating.missing_facts:
        names = ("；" if zh else ", ").join(fact_title(f, lang) for f in rating.missing_facts)
        lines.append(f"缺少的事实：{names}" if zh else f"Missing facts: {names}")
    if rating.possible_star > rating.star:
        lines.append(
            f"若缺少的事实均符合要求，最高可达{star_label(rating.possible_star)}"
            if zh
            else f"If the missing facts are favourable: up to {star_label(rating.possible_star, 'en')}"
        )
    return "\n".join(lines)
