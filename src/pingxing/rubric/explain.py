"""Explanations: what each condition requires, what the record has, and the 差距.

Chinese (``lang="zh"``, the default) and English (``lang="en"``) wording. The JSON form
of a rating (``rating_to_dict``) is what ``pingxing rate`` writes.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from fractions import Fraction
from functools import cache
from typing import Any

from pingxing.rubric.evaluate import ConditionResult, LevelResult, Rating, VetoResult
from pingxing.rubric.facts import Derivation, FactError, any_field_map
from pingxing.rubric.model import (
    UNRATED_TITLE,
    Check,
    Condition,
    FactValue,
    Standard,
    Unjudged,
    ordinal_title,
)

STATUS_ZH = {"met": "达到", "failed": "未达到", "unknown": "未知", "not_met": "未达到"}
STATUS_ZH |= {"applied": "否决", "clear": "无", "unknown_veto": "未知"}


def fact_title(name: str, lang: str = "zh") -> str:
    spec = any_field_map().get(name)
    return spec.title if spec is not None and lang == "zh" else name


def star_label(star: int | None, lang: str = "zh") -> str:
    if star is None:
        return "无效" if lang == "zh" else "invalid"
    if lang == "zh":
        return UNRATED_TITLE if star == 0 else ordinal_title(star)
    return "unrated" if star == 0 else f"{star} star" + ("s" if star > 1 else "")


def _percent(pct: Fraction) -> str:
    """A percentage to at most two decimals, rounded down: 94.999% never reads "95%"."""
    hundredths = math.floor(pct * 100)
    whole, rest = divmod(hundredths, 100)
    if rest == 0:
        return f"{whole}%"
    return f"{whole}.{rest:02d}".rstrip("0") + "%"


def format_value(check: Check, value: FactValue, lang: str = "zh") -> str:
    if value is None:
        return "未知" if lang == "zh" else "unknown"
    if isinstance(value, bool):
        return ("是" if value else "否") if lang == "zh" else ("true" if value else "false")
    if check.scale is not None:
        return check.scale.label(value, lang)
    return str(value)


def _subject(check: Check) -> str:
    """What an ordinal check measures, in Chinese: the scale's title or the fact's."""
    if check.scale is not None and check.scale.title:
        return check.scale.title
    return re.sub(r"（[^（）]*）$", "", fact_title(check.facts[0]))


def _count(name: str, value: FactValue) -> str:
    """A count in Chinese: "未按月公开 1 个月" (the contract's wording), else title and number."""
    spec = any_field_map().get(name)
    if spec is not None and spec.count_zh and isinstance(value, int):
        return spec.count_zh.format(n=value)
    return f"{fact_title(name)} {format_value(Check('zero', (name,)), value)}"


@cache
def required_text(check: Check, lang: str = "zh") -> str:
    """What the check requires, e.g. ``市级以上``, ``职责履行到位``, ``= 0``, ``≥ 95%``."""
    kind = check.kind
    if kind in ("true", "false"):
        want = kind == "true"
        return ("是" if want else "否") if lang == "zh" else str(want).lower()
    if kind == "at_least":
        shown = format_value(check, check.value, lang)
        if check.scale is None:
            return f"≥ {shown}"
        if lang == "en":
            return f"{shown} or better"
        return shown if check.scale.cumulative else f"{shown}以上"
    if kind == "zero":
        return "= 0"
    if kind == "sum_zero":
        if lang == "en":
            return " + ".join(check.facts) + " = 0"
        return "、".join(fact_title(f) for f in check.facts) + "均为 0"
    assert check.percent is not None
    return f"≥ {_percent(check.percent)}"


def _judged(check: Check, values: Mapping[str, FactValue]) -> Check:
    """The check that actually judged these values: the fallback while a fact is unknown."""
    while check.fallback is not None and any(values.get(f) is None for f in check.facts):
        check = check.fallback
    return check


def _detail_zh(cond: Condition, values: Mapping[str, FactValue]) -> str:
    """What the record has against what the text requires, in the standard's words."""
    check = _judged(cond.check, values)
    head = ""
    if check is not cond.check:
        head = f"未填写「{_subject(cond.check)}」，按「{fact_title(check.facts[0])}」判断："
    kind = check.kind
    got = {f: values.get(f) for f in check.facts}
    if kind in ("true", "false"):
        actual = format_value(check, got[check.facts[0]])
        return f"{head}实际「{actual}」，要求「{required_text(check)}」"
    if kind == "at_least":
        actual = format_value(check, got[check.facts[0]])
        want = format_value(check, check.value)
        if check.scale is None:
            return f"{head}{_subject(check)}：实际 {actual}，要求 ≥ {want}"
        tail = "" if check.scale.cumulative else "以上"
        return f"{head}{_subject(check)}：实际「{actual}」，要求「{want}」{tail}"
    if kind == "zero":
        name = check.facts[0]
        return f"{head}{_count(name, got[name])}，要求 0"
    if kind == "sum_zero":
        counts = "，".join(_count(f, v) for f, v in got.items() if v is not None)
        return f"{head}{counts}，要求均为 0"
    assert check.percent is not None
    num_name, den_name = check.facts
    num, den = got[num_name], got[den_name]
    rate = cond.rate or f"{fact_title(num_name)}÷{fact_title(den_name)}"
    want = _percent(check.percent)
    if den == 0:
        return f"{head}{rate}：{fact_title(den_name)}为 0，视为 100%，要求 ≥ {want}"
    assert isinstance(num, int) and isinstance(den, int)
    return f"{head}{rate} {_percent(Fraction(num * 100, den))}（{num}/{den}），要求 ≥ {want}"


def actual_text(check: Check, actual: tuple[tuple[str, FactValue], ...], lang: str = "zh") -> str:
    values = dict(actual)
    check = _judged(check, values)
    actual = tuple((f, values.get(f)) for f in check.facts)
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
    values = dict(actual)
    if lang == "zh":
        where = f"第{condition.clause}条{condition.shown_text}"
        if status == "unknown":
            missing = "".join(f"「{fact_title(f)}」" for f, v in actual if v is None)
            return f"{where}：缺少事实{missing}，无法判断"
        verdict = "达到" if status == "met" else "未达到"
        return f"{where}{verdict}：{_detail_zh(condition, values)}"
    check = _judged(condition.check, values)
    text = f"[paraphrase] {condition.text}" if condition.paraphrase else f"“{condition.text}”"
    if status == "unknown":
        missing = ", ".join(f for f, v in actual if v is None)
        return f"clause {condition.clause} {text}: missing facts ({missing}), can not judge"
    verdict = "met" if status == "met" else "not met"
    act = actual_text(condition.check, actual, lang)
    return f"clause {condition.clause} {text} {verdict}: actual {act}, required {required_text(check, lang)}"


_DICTS: dict[tuple[int, str, tuple[FactValue, ...]], tuple[Condition, dict[str, Any]]] = {}


def _condition_dict(
    cond: Condition, status: str, values: tuple[FactValue, ...], standard: Standard
) -> dict[str, Any]:
    """The explanation of one condition with these fact values (``cond.check.all_facts`` order).

    The same condition with the same values explains the same way, so the dict is memoized
    (bounded) and shared between records: treat it as read-only (it is only serialized).
    ``text`` is the wording as shown (marked 〔释义〕 when it paraphrases the annex).
    """
    key = (id(cond), status, values)
    hit = _DICTS.get(key)
    if hit is None or hit[0] is not cond:
        if len(_DICTS) > 50_000:
            _DICTS.clear()
        facts = cond.check.all_facts
        actual = tuple(zip(facts, values, strict=True))
        judged = _judged(cond.check, dict(actual))
        hit = (
            cond,
            {
                "kind": "condition",
                "id": cond.id,
                "level": cond.level,
                "clause": cond.clause,
                "clause_title": standard.clause(cond.clause).title_zh if cond.clause else "",
                "text": f"〔释义〕{cond.text}" if cond.paraphrase else cond.text,
                "quote": cond.text if not cond.paraphrase else "",
                "paraphrase": cond.paraphrase,
                "status": status,
                "facts": list(facts),
                "actual": dict(actual),
                "required": required_text(judged),
                "required_en": required_text(judged, "en"),
                "message": condition_message(cond, status, actual),
                "message_en": condition_message(cond, status, actual, "en"),
            },
        )
        _DICTS[key] = hit
    return hit[1]


def condition_to_dict(result: ConditionResult, standard: Standard) -> dict[str, Any]:
    return _condition_dict(
        result.condition, result.status, tuple(v for _f, v in result.actual), standard
    )


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
        item = _condition_dict(cond, status, tuple(map(get, cond.check.all_facts)), standard)
        (failed if status == "failed" else unknown).append(item)
    return failed, unknown


def _bars(result: VetoResult, standard: Standard | None) -> str:
    bars = result.veto.bars
    if standard is not None:
        return standard.bars_text(bars)
    titles = [ordinal_title(b) for b in sorted(bars)]
    return "、".join(t.removesuffix("星级") for t in titles) + "星级"


def veto_message(result: VetoResult, lang: str = "zh", standard: Standard | None = None) -> str:
    """一票否决 in the annex's words, with the case's reason and the levels it bars."""
    text = result.veto.text
    if lang == "zh":
        bars = _bars(result, standard)
        reason = f"（{result.reason}）" if result.reason else ""
        missing = "".join(f"「{fact_title(f)}」" for f in result.missing_facts)
        return {
            "applied": f"一票否决：{text}{reason}，不能评为{bars}",
            "clear": f"一票否决“{text}”：无此情形",
            "unknown": f"一票否决“{text}”：缺少事实{missing}，无法确认能否评为{bars}",
        }[result.status]
    reason = f" ({result.reason})" if result.reason else ""
    return {
        "applied": f"veto: {text}{reason} (bars {', '.join(str(b) for b in result.veto.bars)} stars)",
        "clear": f"veto “{text}”: does not apply",
        "unknown": f"veto “{text}”: missing fact, can not confirm",
    }[result.status]


def veto_to_dict(result: VetoResult, standard: Standard | None = None) -> dict[str, Any]:
    return {
        "kind": "veto",
        "id": result.veto.id,
        "text": result.veto.text,
        "status": result.status,
        "bars": list(result.veto.bars),
        "bars_text": _bars(result, standard),
        "reason": result.reason,
        "facts": list(result.veto.check.facts),
        "actual": dict(result.actual),
        "message": veto_message(result, standard=standard),
        "message_en": veto_message(result, "en", standard),
    }


def gap_to_dict(item: ConditionResult | VetoResult, standard: Standard) -> dict[str, Any]:
    if isinstance(item, VetoResult):
        return veto_to_dict(item, standard)
    return condition_to_dict(item, standard)


def unjudged_to_dict(item: Unjudged) -> dict[str, Any]:
    """A sentence no fact judges: listed as 未判定, with why."""
    where = f"第{item.clause}条" if item.clause else ""
    why = f"（{item.why}）" if item.why else ""
    return {
        "kind": "unjudged",
        "clause": item.clause,
        "text": item.text,
        "why": item.why,
        "status": "unjudged",
        "message": f"{where}“{item.text}”：未判定{why}",
        "message_en": f"not judged: “{item.text}” (no fact of the contract records it)",
    }


def derivation_to_dict(item: Derivation) -> dict[str, Any]:
    return {
        "field": item.field,
        "value": item.value,
        "from": item.source,
        "message": item.message_zh,
        "message_en": item.message_en,
    }


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
        "unjudged": [unjudged_to_dict(u) for u in level.level.unjudged],
        "vetoes_applied": [veto_to_dict(v, standard) for v in level.vetoes_applied],
        "missing_facts": list(level.missing_facts),
    }
    if explain:
        out["conditions"] = [condition_to_dict(c, standard) for c in level.conditions]
        out["vetoes"] = [veto_to_dict(v, standard) for v in level.vetoes]
    return out


def rating_to_dict(rating: Rating, *, explain: bool = False) -> dict[str, Any]:
    """The JSON form of one rating, as written by ``pingxing rate``.

    ``next_star_gaps``: what the next level lacks; ``gaps_by_star``: for every higher star
    ("4", "5"), everything that stands between the record and it (levels in between too);
    ``vetoes_applied``: each applied veto once; ``derived``: facts the contract's bounds forced.
    """
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
        "derived": [derivation_to_dict(d) for d in rating.facts.derived],
        "vetoes_applied": [veto_to_dict(v, std) for v in rating.vetoes_applied],
        "levels": [level_to_dict(lv, std, explain=explain) for lv in rating.levels],
        "next_star_gaps": [gap_to_dict(g, std) for g in rating.next_star_gaps],
        "gaps_by_star": _gaps_by_star(rating),
    }
    if explain:
        out["explanation"] = rating_text(rating)
        out["explanation_en"] = rating_text(rating, "en")
    return out


def _gaps_by_star(rating: Rating) -> dict[str, list[dict[str, Any]]]:
    """Star (as a JSON key) -> the gap dicts to it (as ``Rating.gaps_by_star``), built
    straight from the statuses and the memoized condition dicts."""
    std = rating.standard
    seen: set[object] = set()
    out: list[dict[str, Any]] = []
    by_star: dict[str, list[dict[str, Any]]] = {}
    for level in rating.levels[rating.star :]:
        statuses = level.statuses
        if "failed" in statuses or "unknown" in statuses:
            get = level.values.get
            for cond, status in zip(level.level.conditions, statuses, strict=True):
                if status == "met":
                    continue
                key = (_check_key(cond.check), cond.text)
                if key not in seen:
                    seen.add(key)
                    values = tuple(map(get, cond.check.all_facts))
                    out.append(_condition_dict(cond, status, values, std))
        for veto in level.vetoes:
            if veto.status != "clear" and ("veto", veto.veto.id) not in seen:
                seen.add(("veto", veto.veto.id))
                out.append(veto_to_dict(veto, std))
        by_star[str(level.star)] = list(out)
    return by_star


_KEYS: dict[int, tuple[Check, tuple[object, ...]]] = {}


def _check_key(check: Check) -> tuple[object, ...]:
    hit = _KEYS.get(id(check))
    if hit is None or hit[0] is not check:
        hit = (check, check.key)
        _KEYS[id(check)] = hit
    return hit[1]


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
        "gaps_by_star": {},
    }


def rating_text(rating: Rating, lang: str = "zh") -> str:
    """A short human explanation: the star, vetoes (once), facts derived, why not higher,
    the sentences no fact judges, what is missing."""
    zh = lang == "zh"
    std = rating.standard
    lines = [
        (
            f"评定结果：{std.star_title(rating.star)}"
            if zh
            else f"Result: {star_label(rating.star, 'en')}"
        )
    ]
    for v in rating.vetoes_applied:
        lines.append(veto_message(v, lang, std))
    for d in rating.facts.derived:
        lines.append(f"推定：{d.message_zh}" if zh else f"Derived: {d.message_en}")
    nxt = rating.next_star
    if nxt is not None:
        gaps = [
            g
            for g in rating.next_star_gaps
            if not (isinstance(g, VetoResult) and g.status == "applied")
        ]
        if gaps:
            head = f"距{std.star_title(nxt)}的差距：" if zh else f"Gaps to {star_label(nxt, 'en')}:"
            lines.append(head)
        for g in gaps:
            if isinstance(g, VetoResult):
                lines.append("  - " + veto_message(g, lang, std))
            else:
                lines.append("  - " + condition_message(g.condition, g.status, g.actual, lang))
    for level in rating.levels[: nxt or std.max_star]:
        for u in level.level.unjudged:
            item = unjudged_to_dict(u)
            title = level.level.title if zh else star_label(level.star, "en")
            lines.append(f"{title}{item['message']}" if zh else f"{title}: {item['message_en']}")
    if rating.missing_facts:
        names = ("；" if zh else ", ").join(fact_title(f, lang) for f in rating.missing_facts)
        lines.append(f"缺少的事实：{names}" if zh else f"Missing facts: {names}")
    if rating.possible_star > rating.star:
        lines.append(
            f"若缺少的事实均符合要求，最高可达{std.star_title(rating.possible_star)}"
            if zh
            else f"If the missing facts are favourable: up to {star_label(rating.possible_star, 'en')}"
        )
    return "\n".join(lines)
