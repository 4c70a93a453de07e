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

STARS = (5, 4, 3, 2, 1, 0)
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


def star_label(star: int) -> str:
    """5 → "五星级", 0 → "未定星"."""
    _check_star(star, "star")
    return f"{chinese_numeral(star)}星级" if star else "未定星"


def change_label(change: int | None) -> str:
    """+1 → "晋升一星", -2 → "降低二星", 0 → "保持", None → "首次评定"."""
    if change is None:
        return "首次评定"
    if change > 0:
        return f"晋升{chinese_numeral(change)}星"
    if change < 0:
        return f"降低{chinese_numeral(-change)}星"
    return "保持"


def _check_star(star: int, where: str) -> None:
    if not isinstance(star, int) or not 0 <= star <= 5:
        raise ValueError(f"{where}: star must be 0–5, got {star!r}")


def _percent(part: int, whole: int) -> str:
    share = Fraction(part, whole) * 100 if whole else Fraction(0)
    return f"{float(share):.1f}%"


def _counts_sentence(counts: Mapping[int, int]) -> str:
    named = [f"{star_label(star)}{counts.get(star, 0)}个" for star in STARS]
    return "、".join(named)


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
        _check_star(row.star, f"results_document.rows[{index}] ({row.org})")
    results.sort(key=lambda row: (-row.star, row.street, row.org))
    counts = {star: sum(1 for row in results if row.star == star) for star in STARS}
    according = f"根据{basis}精神，" if basis else ""
    body = [
        Paragraph(
            f"{according}经社区(居)党组织自评申报、街道党工委考核评定，一至三星级报县基层党组织"
            "“评星晋级”工作领导小组办公室审定，四至五星级经验收并向社会公示无异议，"
            f"现将{year}年度{scope}党组织“评星晋级”评定结果公布如下。"
        ),
        Heading("评定结果"),
        Paragraph(
            f"本年度共评定{scope}党组织{len(results)}个，其中{_counts_sentence(counts)}。"
            f"三星级以上占{_percent(sum(counts[s] for s in (5, 4, 3)), len(results))}，"
            f"五星级占{_percent(counts[5], len(results))}。具体名单如下："
        ),
        Table(
            header=("序号", "组织名称", "所属街道", "星级", "变化"),
            rows=tuple(
                (str(number), row.org, row.street, star_label(row.star), change_label(row.change))
                for number, row in enumerate(results, start=1)
            ),
            widths=(1.2, 5, 2.5, 1.6, 1.9),
        ),
        Heading("有关要求"),
        Paragraph(
            "星级评定结果与各类先进评比、安排有关项目资金和社区(居)干部报酬等挂钩，"
            "社区(居)干部报酬以三星级为基准，上下适当浮动。"
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


def _moves_table(moves: Sequence[StarMove]) -> Table:
    return Table(
        header=("序号", "组织名称", "所属街道", "原星级", "现星级"),
        rows=tuple(
            (str(number), move.org, move.street, star_label(move.from_star), star_label(move.to_star))
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
) -> OfficialDocument:
    """The year-end report (关于X年度基层党组织“评星晋级”工作情况的通报).

    ``counts_by_street`` maps a street to its counts by star, listed in the mapping's
    order; ``commended`` lists the
    five-star organizations as (org, street) for the commendation (表彰).
    """
    for star in counts_by_star:
        _check_star(star, "year_end_report_document.counts_by_star")
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
    three_up = sum(counts_by_star.get(star, 0) for star in (5, 4, 3))
    body: list = [
        Paragraph(
            f"{year}年，各基层党组织按照“评星晋级”创先争优活动的部署和要求，对照考评标准，"
            "扎实开展自评申报、考核评定、审定验收和公示公布等工作，活动取得了明显成效。"
            "现将有关情况通报如下。"
        ),
        Heading("基本情况"),
        Paragraph(
            f"全年共评定基层党组织{total}个，其中{_counts_sentence(counts_by_star)}。"
            f"三星级以上{three_up}个，占{_percent(three_up, total)}；"
            f"五星级占{_percent(counts_by_star.get(5, 0), total)}。各街道星级分布如下："
        ),
        Table(
            header=("街道", "五星", "四星", "三星", "二星", "一星", "未定星", "合计"),
            rows=tuple(
                (street, *(str(by_star.get(star, 0)) for star in STARS), str(sum(by_star.values())))
                for street, by_star in counts_by_street.items()
            ),
            widths=(3, 1, 1, 1, 1, 1, 1.4, 1.2),
        ),
        Heading("星级变动情况"),
        Paragraph(f"与上年度相比，晋级{len(ups)}个，降级{len(downs)}个。"),
    ]
    if ups:
        body += [Heading("晋级名单", level=2), _moves_table(ups)]
    if downs:
        body += [
            Heading("降级名单", level=2),
            _moves_table(downs),
            Paragraph("降级的党组织要认真查找原因，制定整改措施，限期整改到位。"),
        ]
    body.append(Heading("表彰五星级党组织"))
    if commended:
        names = "、".join(f"{org}（{street}）" for org, street in commended)
        body.append(
            Paragraph(
                f"经研究，决定对{names}等{len(commended)}个五星级党组织予以通报表彰。"
                "希望受到表彰的党组织珍惜荣誉，再接再厉，充分发挥示范带动作用。"
            )
        )
    else:
        body.append(Paragraph("本年度无五星级党组织，不予表彰。"))
    body += [
        Heading("下步工作要求"),
        Paragraph(
            "各党组织要以此次通报为契机，对照考评标准查找差距，落实动态管理，"
            "力争80%以上的社区(居)党组织达到三星级以上标准，其中20%以上达到五星级标准。"
        ),
    ]
    return _document(
        issuer,
        title=f"关于{year}年度基层党组织“评星晋级”\n工作情况的通报",
        addressee=addressee,
        body=body,
    )
