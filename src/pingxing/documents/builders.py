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

from .model import Heading, OfficialDocument, Paragraph, Table, chinese_numeral, format_date

COMMUNITY_ADDRESSEE = "各社区(居)党组织："


#: how a result was decided (``ResultRow.route``)
APPROVED = "approved"  # 县审定, never on public notice
APPROVED_AFTER_ACCEPTANCE = "approved_after_acceptance"  # acceptance found a lower star
NOTICED = "noticed"  # 县验收 and public notice (公示)


class ResultRow(NamedTuple):
    """One organization's result, with the recorded facts of how it was decided.

    ``change`` is the star difference to last year, None when the organization is rated
    for the first time. ``route`` is one of APPROVED, APPROVED_AFTER_ACCEPTANCE, NOTICED,
    or "" when unknown (then the star decides, as the standard's procedure does).
    ``objections`` counts the objections filed while on notice (None: not recorded, and
    then the document claims nothing about them); ``upheld`` how many were upheld.
    ``notice`` is the notice period (first day, last day) when known.
    """

    org: str
    street: str
    star: int
    change: int | None
    route: str = ""
    objections: int | None = None
    upheld: int = 0
    notice: tuple[date, date] | None = None


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


COUNTY_OFFICE = "县基层党组织“评星晋级”工作领导小组办公室"


def _stars_label(rows: Sequence[ResultRow], levels: Levels) -> str:
    """"四至五星级", "三星级", "一星级、三星级" or "二至三星级、未定星" for the stars present."""
    stars = sorted({row.star for row in rows if row.star})
    if not stars:
        named = ""
    elif stars == list(range(stars[0], stars[-1] + 1)):
        named = levels.span(stars[0], stars[-1])
    else:
        named = "、".join(levels.title(star) for star in stars)
    if any(row.star == 0 for row in rows):
        named = f"{named}、{levels.title(0)}" if named else levels.title(0)
    return named


def _route(row: ResultRow, levels: Levels) -> str:
    if row.route:
        return row.route
    return APPROVED if row.star <= levels.approved_to else NOTICED


def _names(rows: Sequence[ResultRow]) -> str:
    names = "、".join(row.org for row in rows)
    return names if len(rows) == 1 else f"{names}等{len(rows)}个党组织"


def _period(rows: Sequence[ResultRow]) -> str:
    periods = {row.notice for row in rows}
    if len(periods) != 1 or None in periods:
        return ""
    (first, last), = periods  # type: ignore[misc]
    return f"（公示期{format_date(first)}至{format_date(last)}）"


def _objection_sentence(row: ResultRow, levels: Levels) -> str:
    """What became of the objections against one organization, from the recorded answers."""
    filed, upheld = row.objections or 0, row.upheld
    text = f"{row.org}公示期间收到异议{filed}件，"
    if upheld == 0:
        return text + ("经调查核实不成立" if filed == 1 else "经调查核实均不成立")
    if upheld == filed:
        text += "经调查核实成立" if filed == 1 else "经调查核实均成立"
    else:
        text += f"其中{upheld}件经调查核实成立，{filed - upheld}件经调查核实不成立"
    if _route(row, levels) == NOTICED:
        return text + f"，经退回重新验收并重新公示，评定为{levels.title(row.star)}"
    return text + f"，经退回重新验收，按实际星级审定为{levels.title(row.star)}"


def procedure_label(row: ResultRow, levels: Levels = DEFAULT_LEVELS) -> str:
    """A short line for a list of cases: "县审定，不作公示", "验收、公示，收到异议2件（均不成立）"."""
    route = _route(row, levels)
    if route == APPROVED:
        text = "县审定，不作公示"
    elif route == APPROVED_AFTER_ACCEPTANCE:
        text = "验收后按实际星级审定"
    else:
        text = "验收、公示"
    if row.objections:
        upheld = "均不成立" if row.upheld == 0 else f"{row.upheld}件成立"
        return f"{text}，收到异议{row.objections}件（{upheld}）"
    if route == NOTICED and row.objections == 0:
        return f"{text}，公示期满无异议"
    return text


def procedure_sentences(rows: Sequence[ResultRow], levels: Levels = DEFAULT_LEVELS) -> list[str]:
    """How the listed results were decided, one sentence per path, from each row's facts.

    "公示期满无异议" is said only of organizations whose notice drew no objection."""
    by_route: dict[str, list[ResultRow]] = {}
    for row in rows:
        by_route.setdefault(_route(row, levels), []).append(row)
    sentences = []
    if approved := by_route.get(APPROVED):
        sentences.append(
            f"{_stars_label(approved, levels)}党组织{len(approved)}个经社区(居)党组织自评申报、"
            f"街道党工委考核评定，报{COUNTY_OFFICE}审定，按规定不作公示。"
        )
    if lowered := by_route.get(APPROVED_AFTER_ACCEPTANCE):
        sentences.append(
            f"{_names(lowered)}经街道党工委考核评定、{COUNTY_OFFICE}验收，按验收核实的星级审定，不作公示。"
        )
    if noticed := by_route.get(NOTICED):
        text = (f"{_stars_label(noticed, levels)}党组织{len(noticed)}个在街道党工委考核评定的基础上，"
                f"经{COUNTY_OFFICE}验收，并向社会公示{_period(noticed)}")
        clean = [row for row in noticed if row.objections == 0]
        if len(clean) == len(noticed):
            text += "，公示期满无异议"
        elif clean:
            text += f"，其中{len(clean)}个公示期满无异议"
        sentences.append(text + "。")
    contested = [row for row in rows if row.objections]
    if contested:
        sentences.append("；".join(_objection_sentence(row, levels) for row in contested) + "。")
    return sentences


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


def results_title(year: int, *, scope: str = "城市社区", batch: int | None = None) -> str:
    """The notice's title; a batch of the year says which one ("（第二批）")."""
    part = f"（第{chinese_numeral(batch)}批）" if batch else ""
    return f"关于公布{year}年度{scope}党组织\n“评星晋级”评定结果{part}的通知"


def results_document(
    *,
    year: int,
    issuer: Issuer,
    rows: Sequence[ResultRow | tuple],
    scope: str = "城市社区",
    addressee: str = COMMUNITY_ADDRESSEE,
    basis: str = "",
    levels: Levels = DEFAULT_LEVELS,
    batch: int = 1,
    pending: int = 0,
) -> OfficialDocument:
    """The notice publishing a year's ratings (关于公布X年度…评定结果的通知).

    ``rows`` are ResultRow (or tuples of its fields); they are listed five stars first,
    then by street and organization name. ``basis`` names the document the campaign rests
    on, e.g. "《关于在基层党组织中开展以“评星晋级”为抓手的创先争优活动的意见》（柯桥街工委〔2010〕31号）".

    ``batch`` is the publication's number within the year (第N批) and ``pending`` how many
    of the year's organizations are still being rated after it. Only a first batch that
    leaves nothing pending speaks of the year as a whole ("本年度共评定…", with the shares
    against the plan's goals); any other speaks of its own batch ("本批公布…").
    """
    results = [ResultRow(*row) for row in rows]
    if not results:
        raise ValueError("results_document.rows: no results to publish")
    if batch < 1 or pending < 0:
        raise ValueError(f"results_document: batch {batch!r} / pending {pending!r} out of range")
    for index, row in enumerate(results, start=1):
        _check_star(row.star, f"results_document.rows[{index}] ({row.org})", levels)
    results.sort(key=lambda row: (-row.star, row.street, row.org))
    counts = {star: sum(1 for row in results if row.star == star) for star in levels.stars()}
    whole_year = batch == 1 and pending == 0
    according = f"根据{basis}精神，" if basis else ""
    which = "" if whole_year else f"（第{chinese_numeral(batch)}批）"
    if whole_year:
        figures = (f"以上共评定{scope}党组织{len(results)}个，其中{_counts_sentence(counts, levels)}。"
                   f"{_shares_sentence(counts, len(results), levels)}。")
    else:
        figures = f"本批公布{scope}党组织{len(results)}个，其中{_counts_sentence(counts, levels)}。"
    # Only the opening sentence before the list, so that the list starts on the first page.
    if pending:
        figures += f"本年度另有{pending}个党组织正在评定中，评定结果将另行公布。"
    elif not whole_year:
        figures += f"至此，{year}年度评定结果已全部公布，全年情况另行通报。"
    body: list = [
        Paragraph(f"{according}现将{year}年度{scope}党组织“评星晋级”评定结果{which}公布如下："),
        Table(
            header=("序号", "组织名称", "所属街道", "星级", "变化"),
            rows=tuple(
                (str(number), row.org, row.street, levels.title(row.star), change_label(row.change))
                for number, row in enumerate(results, start=1)
            ),
            widths=(1.2, 5, 2.5, 1.6, 1.9),
            keep_whole=(0, 2, 3, 4),
        ),
        Paragraph(figures),
        Heading("评定程序"),
        *(Paragraph(sentence) for sentence in procedure_sentences(results, levels)),
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
        title=results_title(year, scope=scope, batch=None if whole_year else batch),
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
    pending: int = 0,
    as_of: date | None = None,
) -> OfficialDocument:
    """The year-end report (关于X年度基层党组织“评星晋级”工作情况的通报).

    ``counts_by_street`` maps a street to its counts by star, listed in the mapping's
    order; ``commended`` lists the
    five-star organizations as (org, street) for the commendation (表彰).

    While ``pending`` organizations of the year are still being rated, the report covers
    only what is published ``as_of`` a day and says so in its title and figures
    ("截至12月20日（评定中3个）"): a partial year is never presented as the year.
    """
    if pending < 0 or (pending and as_of is None):
        raise ValueError("year_end_report_document: a report with pending cases needs as_of")
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
    as_of_text = f"截至{as_of.month}月{as_of.day}日" if pending and as_of else ""
    if as_of_text:
        figures = (f"{as_of_text}（评定中{pending}个），已公布评定结果的基层党组织{total}个，"
                   f"其中{_counts_sentence(counts_by_star, levels)}。已公布的党组织中，"
                   f"{_goal_counts(counts_by_star, total, levels)}。评定中的党组织待评定结果公布后另行通报。")
    else:
        figures = (f"全年共评定基层党组织{total}个，其中{_counts_sentence(counts_by_star, levels)}。"
                   f"{_goal_counts(counts_by_star, total, levels)}。")
    body: list = [
        Paragraph(
            f"{year}年，各基层党组织按照“评星晋级”创先争优活动的部署和要求，对照考评标准，"
            "扎实开展自评申报、考核评定、审定验收和公示公布等工作，活动取得了明显成效。"
            f"现将{as_of_text + '的' if as_of_text else ''}有关情况通报如下。"
        ),
        Heading("基本情况"),
        Paragraph(f"{figures}各街道星级分布如下："),
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
        none = f"{as_of_text}已公布的党组织中" if as_of_text else "本年度"
        body.append(Paragraph(f"{none}无{top}党组织，不予表彰。"))
    body += [
        Heading("下步工作要求"),
        Paragraph(
            "各党组织要以此次通报为契机，对照考评标准查找差距，落实动态管理，"
            f"力争{levels.goals}。"
        ),
    ]
    return _document(
        issuer,
        title=f"关于{year}年度基层党组织“评星晋级”\n工作情况的通报{f'（{as_of_text}）' if as_of_text else ''}",
        addressee=addressee,
        body=body,
    )
