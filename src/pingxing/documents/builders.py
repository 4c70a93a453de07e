"""Build the campaign's official documents from plain data.

- ``results_document``: 发文公布 of a year's star ratings (评定结果的通知), results listed
  by star, five stars first;
- ``year_end_report_document``: the year-end report (通报) with counts by star and by
  street, upgrades and downgrades, and the commendation (表彰) of five-star organizations.

The wording is Chinese only and lives here rather than in the gettext catalogue: an
official document is issued in Chinese whatever the reader's interface language.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import NamedTuple

from .model import Heading, OfficialDocument, Paragraph, Table, chinese_numeral

COMMUNITY_ADDRESSEE = "各社区(居)党组织："


class ResultRow(NamedTuple):
    """One organization's result: ``change`` is the star difference to last year, None
    when the organization is rated for the first time."""

    org: str
    street: str
    star: int
    change: int | None


class StarMove(NamedTuple):
    """An upgrade (晋级) or downgrade (降级) between two years."""

    org: str
    street: str
    from_star: int
    to_star: int


@dataclass(frozen=True, slots=True)
class Issuer:
    """Who issues the document and how it is numbered and distributed."""

    mark: str  # 发文机关标志, e.g. "中共柯桥街道工作委员会文件"
    name: str  # 署名, e.g. "中共柯桥街道工作委员会"
    doc_number: str  # e.g. "柯桥街工委〔2011〕5号"
    date: date  # 成文日期
    printer: str = ""  # 印发机关, e.g. "中共柯桥街道工作委员会办公室"
    print_date: date | None = None
    cc: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Levels:
    """The levels of the standard a document speaks of; the default is the 2010 standard's.

    ``titles[star]`` names each star (0 = 未定星); stars up to ``approved_to`` are approved
    by the county, higher ones accepted and put on public notice; ``pay_base`` is the star
    cadre pay is scaled from; ``goal_stars`` the "N星级以上" shares a document reports and
    ``goals`` the plan's goals in words.
    """

    titles: tuple[str, ...] = ("未定星", "一星级", "二星级", "三星级", "四星级", "五星级")
    approved_to: int = 3
    pay_base: int = 3
    goal_stars: tuple[int, ...] = (3, 5)
    goals: str = "80%以上的社区(居)党组织达到三星级以上标准，其中20%以上达到五星级标准"

    @property
    def max_star(self) -> int:
        return len(self.titles) - 1

    def stars(self) -> tuple[int, ...]:
        """Every star, the highest first, 0 last."""
        return tuple(range(self.max_star, -1, -1))

    def title(self, star: int) -> str:
        return self.titles[star]

    def short(self, star: int) -> str:
        """"五星" for a column header (未定星 stays)."""
        return self.titles[star].removesuffix("级") if star else self.titles[0]

    def at_least(self, star: int) -> str:
        """"三星级以上"; the top level alone is just its title."""
        return self.titles[star] if star >= self.max_star else f"{self.titles[star]}以上"

    def span(self, low: int, high: int) -> str:
        """"一至三星级", or one title when low == high."""
        if low == high:
            return self.titles[low]
        return f"{self.titles[low].removesuffix('星级')}至{self.titles[high]}"


DEFAULT_LEVELS = Levels()


def star_label(star: int, levels: Levels = DEFAULT_LEVELS) -> str:
    """5 → "五星级", 0 → "未定星"."""
    _check_star(star, "star", levels)
    return levels.title(star)


def change_label(change: int | None) -> str:
    """+1 → "晋升一星", -2 → "降低二星", 0 → "保持", None → "首次评定"."""
    if change is None:
        return "首次评定"
    if change > 0:
        return f"晋升{chinese_numeral(change)}星"
    if change < 0:
        return f"降低{chinese_numeral(-change)}星"
    return "保持"


def _check_star(star: int, where: str, levels: Levels = DEFAULT_LEVELS) -> None:
    if not isinstance(star, int) or not 0 <= star <= levels.max_star:
        raise ValueError(f"{where}: star must be 0–{levels.max_star}, got {star!r}")


def _percent(part: int, whole: int) -> str:
    share = Fraction(part, whole) * 100 if whole else Fraction(0)
    return f"{float(share):.1f}%"


def _counts_sentence(counts: Mapping[int, int], levels: Levels) -> str:
    named = [f"{levels.title(star)}{counts.get(star, 0)}个" for star in levels.stars()]
    return "、".join(named)


def _shares_sentence(counts: Mapping[int, int], total: int, levels: Levels) -> str:
    """"三星级以上占70.0%，五星级占20.0%" for the standard's goals."""
    return "，".join(
        f"{levels.at_least(star)}占{_percent(sum(n for s, n in counts.items() if s >= star), total)}"
        for star in levels.goal_stars
    )


def _goal_counts(counts: Mapping[int, int], total: int, levels: Levels) -> str:
    """"三星级以上7个，占70.0%；五星级占20.0%" (the first goal with its count, as 2010 wrote it)."""
    parts = []
    for index, star in enumerate(levels.goal_stars):
        n = sum(c for s, c in counts.items() if s >= star)
        parts.append(f"{levels.at_least(star)}{n}个，占{_percent(n, total)}" if index == 0
                     else f"{levels.at_least(star)}占{_percent(n, total)}")
    return "；".join(parts)


def _procedure_sentence(levels: Levels) -> str:
    approved = "报县基层党组织“评星晋级”工作领导小组办公室审定"
    if levels.approved_to >= levels.max_star:
        return f"{approved}，"
    return (f"{levels.span(1, levels.approved_to)}{approved}，"
            f"{levels.span(levels.approved_to + 1, levels.max_star)}经验收并向社会公示无异议，")


def _document(
    issuer: Issuer, *, title: str, addressee: str, body: list
) -> OfficialDocument:
    return OfficialDocument(
        issuer_mark=issuer.mark,
        doc_number=issuer.doc_number,
        title=title,
        addressee=addressee,
        body=tuple(body),
        signature=issuer.name,
        date=issuer.date,
        cc=issuer.cc,
        printer=issuer.printer,
        print_date=issuer.print_date,
    )


def results_document(
    *,
    year: int,
    issuer: Issuer,
    rows: Sequence[ResultRow | tuple[str, str, int, int | None]],
    scope: str = "城市社区",
    addressee: str = COMMUNITY_ADDRESSEE,
    basis: str = "",
    levels: Levels = DEFAULT_LEVELS,
) -> OfficialDocument:
    """The notice publishing a year's ratings (关于公布X年度…评定结果的通知).

    ``rows`` are (org, street, star, change); they are listed five stars first, then by
    street and organization name. ``basis`` names the document the campaign rests on,
    e.g. "《关于在基层党组织中开展以“评星晋级”为抓手的创先争优活动的意见》（柯桥街工委〔2010〕31号）".
    """
    results = [ResultRow(*row) for row in rows]
    if not results:
        raise ValueError("results_document.rows: no results to publish")
    for index, row in enumerate(results, start=1):
        _check_star(row.star, f"results_document.rows[{index}] ({row.org})", levels)
    results.sort(key=lambda row: (-row.star, row.street, row.org))
    counts = {star: sum(1 for row in results if row.star == star) for star in levels.stars()}
    according = f"根据{basis}精神，" if basis else ""
    body = [
        Paragraph(
            f"{according}经社区(居)党组织自评申报、街道党工委考核评定，{_procedure_sentence(levels)}"
            f"现将{year}年度{scope}党组织“评星晋级”评定结果公布如下。"
        ),
        Heading("评定结果"),
        Paragraph(
            f"本年度共评定{scope}党组织{len(results)}个，其中{_counts_sentence(counts, levels)}。"
            f"{_shares_sentence(counts, len(results), levels)}。具体名单如下："
        ),
        Table(
            header=("序号", "组织名称", "所属街道", "星级", "变化"),
            rows=tuple(
                (str(number), row.org, row.street, levels.title(row.star), change_label(row.change))
                for number, row in enumerate(results, start=1)
            ),
            widths=(1.2, 5, 2.5, 1.6, 1.9),
        ),
        Heading("有关要求"),
        Paragraph(
            "星级评定结果与各类先进评比、安排有关项目资金和社区(居)干部报酬等挂钩，"
            f"社区(居)干部报酬以{levels.title(levels.pay_base)}为基准，上下适当浮动。"
        ),
        Paragraph(
            "星级实行动态管理，每年评定一次，能升能降。各党组织要对照考评标准，"
            "查找差距，巩固成果，争先进位，推动创先争优活动深入开展。"
        ),
        Paragraph("特此通知。"),
    ]
    return _document(
        issuer,
        title=f"关于公布{year}年度{scope}党组织\n“评星晋级”评定结果的通知",
        addressee=addressee,
        body=body,
    )


def _moves_table(moves: Sequence[StarMove], levels: Levels) -> Table:
    return Table(
        header=("序号", "组织名称", "所属街道", "原星级", "现星级"),
        rows=tuple(
            (str(number), move.org, move.street, levels.title(move.from_star), levels.title(move.to_star))
            for number, move in enumerate(moves, start=1)
        ),
        widths=(1.2, 5, 2.5, 1.8, 1.8),
    )


def year_end_report_document(
    *,
    year: int,
    issuer: Issuer,
    counts_by_star: Mapping[int, int],
    counts_by_street: Mapping[str, Mapping[int, int]],
    upgrades: Sequence[StarMove | tuple[str, str, int, int]] = (),
    downgrades: Sequence[StarMove | tuple[str, str, int, int]] = (),
    commended: Sequence[tuple[str, str]] = (),
    addressee: str = COMMUNITY_ADDRESSEE,
    levels: Levels = DEFAULT_LEVELS,
) -> OfficialDocument:
    """The year-end report (关于X年度基层党组织“评星晋级”工作情况的通报).

    ``counts_by_street`` maps a street to its counts by star, listed in the mapping's
    order; ``commended`` lists the
    five-star organizations as (org, street) for the commendation (表彰).
    """
    for star in counts_by_star:
        _check_star(star, "year_end_report_document.counts_by_star", levels)
    ups = [StarMove(*move) for move in upgrades]
    downs = [StarMove(*move) for move in downgrades]
    for index, move in enumerate(ups, start=1):
        if move.to_star <= move.from_star:
            raise ValueError(f"year_end_report_document.upgrades[{index}] ({move.org}): not an upgrade")
    for index, move in enumerate(downs, start=1):
        if move.to_star >= move.from_star:
            raise ValueError(
                f"year_end_report_document.downgrades[{index}] ({move.org}): not a downgrade"
            )
    total = sum(counts_by_star.values())
    body: list = [
        Paragraph(
            f"{year}年，各基层党组织按照“评星晋级”创先争优活动的部署和要求，对照考评标准，"
            "扎实开展自评申报、考核评定、审定验收和公示公布等工作，活动取得了明显成效。"
            "现将有关情况通报如下。"
        ),
        Heading("基本情况"),
        Paragraph(
            f"全年共评定基层党组织{total}个，其中{_counts_sentence(counts_by_star, levels)}。"
            f"{_goal_counts(counts_by_star, total, levels)}。各街道星级分布如下："
        ),
        Table(
            header=("街道", *(levels.short(star) for star in levels.stars()), "合计"),
            rows=tuple(
                (street, *(str(by_star.get(star, 0)) for star in levels.stars()), str(sum(by_star.values())))
                for street, by_star in counts_by_street.items()
            ),
            widths=(3, *(1.4 if star == 0 else 1 for star in levels.stars()), 1.2),
        ),
        Heading("星级变动情况"),
        Paragraph(f"与上年度相比，晋级{len(ups)}个，降级{len(downs)}个。"),
    ]
    if ups:
        body += [Heading("晋级名单", level=2), _moves_table(ups, levels)]
    if downs:
        body += [
            Heading("降级名单", level=2),
            _moves_table(downs, levels),
            Paragraph("降级的党组织要认真查找原因，制定整改措施，限期整改到位。"),
        ]
    top = levels.title(levels.max_star)
    body.append(Heading(f"表彰{top}党组织"))
    if commended:
        names = "、".join(f"{org}（{street}）" for org, street in commended)
        body.append(
            Paragraph(
                f"经研究，决定对{names}等{len(commended)}个{top}党组织予以通报表彰。"
                "希望受到表彰的党组织珍惜荣誉，再接再厉，充分发挥示范带动作用。"
            )
        )
    else:
        body.append(Paragraph(f"本年度无{top}党组织，不予表彰。"))
    body += [
        Heading("下步工作要求"),
        Paragraph(
            "各党组织要以此次通报为契机，对照考评标准查找差距，落实动态管理，"
            f"力争{levels.goals}。"
        ),
    ]
    return _document(
        issuer,
        title=f"关于{year}年度基层党组织“评星晋级”\n工作情况的通报",
        addressee=addressee,
        body=body,
    )
