"""Reports of the democratic evaluation: the 民主评议党员情况汇总表 of one evaluation (Excel,
PDF) and the street's overview of its organizations' evaluations.

Figures of the ballots exist only after the tally; the callers check
`permissions.can_see_results`. A ballot class with fewer ballots than the evaluation's minimum
is shown as "不公布", in every cell of that class.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count as DbCount
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from pingxing.core.excel import append_row  # type: ignore[attr-defined]  # re-exported from rubric.xlsxguard
from pingxing.evaluations import queries
from pingxing.evaluations.models import (
    CastRecord,
    Evaluation,
    EvaluationState,
    PaperEntry,
    RollEntry,
    VotingCode,
)
from pingxing.evaluations.proposal import CLASS_TEXT, GRADE_TEXT, GRADES, VoterClass
from pingxing.evaluations.subjects import Subject

SUPPRESSED = "不公布"
CLASSES = (VoterClass.MEMBERS.value, VoterClass.MASSES.value)


class ReportError(Exception):
    """A report that cannot be made yet; the message says why, in Chinese."""


@dataclass(frozen=True)
class ClassCells:
    """One member's figures in one ballot class; `suppressed` when too few ballots."""

    suppressed: bool
    ballots: int = 0
    grades: tuple[int, ...] = ()  # in the order of GRADES
    conduct: int = 0  # ballots ticking a negative-conduct item

    def cells(self) -> list[Any]:
        if self.suppressed:
            return [SUPPRESSED] * (len(GRADES) + 2)
        return [self.ballots, *self.grades, self.conduct]


@dataclass(frozen=True)
class SummaryRow:
    no: int
    name: str
    classes: Mapping[str, ClassCells]  # empty for a member excused from the count
    proposed: str
    final: str
    note: str  # the reason of a final grade that differs, or why the member was excused


@dataclass(frozen=True)
class Summary:
    title: str
    organization: str
    year: int
    min_ballots: int
    ballots: Mapping[str, int]
    suppressed: frozenset[str]
    turnout: Mapping[str, Mapping[str, int]]
    rows: Sequence[SummaryRow]
    state: str

    def class_line(self, voter_class: str) -> str:
        label = _("党员测评票") if voter_class == VoterClass.MEMBERS else _("党外群众代表测评票")
        if voter_class in self.suppressed:
            line = _("%(label)s：不足 %(k)d 票，不公布") % {"label": label, "k": self.min_ballots}
        else:
            line = _("%(label)s：%(n)d 张") % {"label": label, "n": self.ballots.get(voter_class, 0)}
        return str(line)


def summary(evaluation: Evaluation) -> Summary:
    """The summary table of a tallied evaluation: per member, the counts per grade per class,
    the proposed and the final grade."""
    if evaluation.tallied_at is None:
        raise ReportError(_("计票完成后才能查看民主评议党员情况汇总表。"))
    if evaluation.subject != Subject.MEMBERS:
        raise ReportError(_("班子成员评议的结果见评议页面。"))
    result = queries.evaluation_count(evaluation)
    rows = []
    roll = list(queries.roll_of(evaluation))
    for no, entry in enumerate(roll, start=1):
        if entry.excused:
            note = _("不参加评议：%(why)s") % {"why": entry.get_excuse_reason_display()}
            rows.append(SummaryRow(no, entry.member.name, {}, "", "", note))
            continue
        tallies = result.tallies.get(entry.pk, {})
        classes = {}
        for voter_class in CLASSES:
            tally = tallies.get(voter_class)
            classes[voter_class] = ClassCells(True) if tally is None else ClassCells(
                False, tally.ballots, tuple(tally.grades.get(g, 0) for g in GRADES), tally.conduct_ballots)
        rows.append(SummaryRow(no, entry.member.name, classes, entry.get_proposed_grade_display(),
                               entry.get_final_grade_display(), entry.final_reason))
    return Summary(
        title=_("民主评议党员情况汇总表"), organization=evaluation.organization.name, year=evaluation.year,
        min_ballots=evaluation.min_ballots, ballots=dict(result.ballots), suppressed=result.suppressed,
        turnout=queries.turnout(evaluation), rows=rows, state=evaluation.get_state_display())


def header() -> list[str]:
    columns = [_("序号"), _("姓名")]
    for voter_class in CLASSES:
        short = CLASS_TEXT[VoterClass(voter_class)]
        columns += [_("%(c)s票数") % {"c": short}, *(f"{short}·{GRADE_TEXT[g]}" for g in GRADES),
                    _("%(c)s·勾选反向情形") % {"c": short}]
    return [*columns, _("建议等次"), _("评定等次"), _("备注")]


def row_cells(row: SummaryRow) -> list[Any]:
    cells: list[Any] = [row.no, row.name]
    for voter_class in CLASSES:
        found = row.classes.get(voter_class)
        cells += found.cells() if found else [""] * (len(GRADES) + 2)
    return [*cells, row.proposed, row.final, row.note]


def summary_workbook(data: Summary) -> Workbook:
    """The summary table as a workbook; every cell written inert (no formula can run)."""
    wb = Workbook()
    ws = wb.active
    ws.title = _("汇总表")
    append_row(ws, [f"{data.organization} {data.year}年度{data.title}"])
    ws["A1"].font = Font(bold=True, size=14)
    append_row(ws, ["；".join(data.class_line(c) for c in CLASSES)])
    append_row(ws, header())
    for cell in ws[3]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="FAF3F3")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for row in data.rows:
        append_row(ws, row_cells(row))
    ws.freeze_panes = "C4"
    ws.column_dimensions["B"].width = 12
    ws.column_dimensions[ws.cell(row=3, column=len(header())).column_letter].width = 40
    return wb


def workbook_bytes(wb: Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def summary_pdf(data: Summary) -> bytes:
    """The summary table as a PDF in the manner of GB/T 9704 (A4 landscape, 仿宋 body, page
    numbers "— n —"); nothing is fetched."""
    from weasyprint import HTML

    html = render_to_string("evaluations/report_pdf.html", {
        "s": data, "header": header(), "rows": [row_cells(r) for r in data.rows],
        "lines": [data.class_line(c) for c in CLASSES], "today": timezone.localdate()})
    pdf: bytes = HTML(string=html, url_fetcher=fetch_data_only).write_pdf()
    return pdf


def fetch_data_only(url: str, *args: object, **kwargs: object) -> Any:
    """The URL fetcher of our PDFs: only inline SVG data (the QR codes) is read; nothing is
    fetched from a network or a file."""
    if not url.startswith("data:image/svg+xml;base64,"):
        raise ValueError("these PDFs fetch nothing")
    body = base64.b64decode(url.split(",", 1)[1])
    try:  # WeasyPrint ≥ 66
        from weasyprint.urls import URLFetcherResponse
    except ImportError:
        return {"string": body, "mime_type": "image/svg+xml"}
    return URLFetcherResponse(url, body=body, headers={"Content-Type": "image/svg+xml"})


# --- the street's overview ------------------------------------------------------------------

@dataclass(frozen=True)
class OverviewRow:
    org_id: int
    org_name: str
    evaluation_id: int | None
    state: str  # the step's label, or "未开始"
    members_voted: int = 0
    members_entitled: int = 0
    masses_voted: int = 0
    codes: int = 0
    tallied: bool = False
    final: bool = False  # whether `grades` are final grades (else proposed ones)
    grades: tuple[int, ...] = field(default=())  # per GRADES; empty before the tally

    @property
    def turnout(self) -> str:
        if not self.members_entitled:
            return "—"
        return f"{round(100 * self.members_voted / self.members_entitled)}%"


def _grouped(rows: Any, *keys: str) -> dict[tuple[Any, ...], int]:
    return {tuple(r[k] for k in keys): r["n"] for r in rows.annotate(n=DbCount("pk"))}


def overview(*, root_path: str, year: int) -> list[OverviewRow]:
    """Every organization below `root_path` with its evaluation of `year`: the step reached,
    the turnout and, once tallied, the grade distribution (final grades once assessed). A
    fixed number of queries, whatever the number of organizations."""
    from pingxing.orgs.models import Organization, OrgLevel

    orgs = list(Organization.objects.filter(path__startswith=root_path, level=OrgLevel.ORGANIZATION)
                .order_by("path").values_list("pk", "name"))
    evaluations = {e.organization_id: e for e in Evaluation.objects.filter(
        organization_id__in=[pk for pk, _name in orgs], year=year, subject=Subject.MEMBERS)}
    ids = [e.pk for e in evaluations.values()]
    voted = _grouped(CastRecord.objects.filter(evaluation_id__in=ids).values("evaluation_id", "voter_class"),
                     "evaluation_id", "voter_class")
    paper = _grouped(PaperEntry.objects.filter(evaluation_id__in=ids, entry_no=1)
                     .values("evaluation_id", "voter_class"), "evaluation_id", "voter_class")
    entitled = _grouped(RollEntry.objects.filter(evaluation_id__in=ids, excused=False).values("evaluation_id"),
                        "evaluation_id")
    codes = _grouped(VotingCode.objects.filter(evaluation_id__in=ids, handed_out=True).values("evaluation_id"),
                     "evaluation_id")
    graded = RollEntry.objects.filter(evaluation_id__in=ids, excused=False)
    finals = _grouped(graded.exclude(final_grade="").values("evaluation_id", "final_grade"),
                      "evaluation_id", "final_grade")
    proposed = _grouped(graded.exclude(proposed_grade="").values("evaluation_id", "proposed_grade"),
                        "evaluation_id", "proposed_grade")
    final_states = {EvaluationState.ASSESSED, EvaluationState.PUBLISHED}
    rows = []
    for pk, name in orgs:
        ev = evaluations.get(pk)
        if ev is None:
            rows.append(OverviewRow(pk, name, None, _("未开始")))
            continue
        tallied = ev.tallied_at is not None
        final = ev.state in final_states
        source = finals if final else proposed
        grades = tuple(source.get((ev.pk, g.value), 0) for g in GRADES) if tallied else ()
        rows.append(OverviewRow(
            pk, name, ev.pk, ev.get_state_display(),
            members_voted=voted.get((ev.pk, "members"), 0) + paper.get((ev.pk, "members"), 0),
            members_entitled=entitled.get((ev.pk,), 0),
            masses_voted=voted.get((ev.pk, "masses"), 0) + paper.get((ev.pk, "masses"), 0),
            codes=codes.get((ev.pk,), 0), tallied=tallied, final=final, grades=grades))
    return rows


def overview_totals(rows: Sequence[OverviewRow]) -> dict[str, Any]:
    """The street's figures: evaluations per step and the final grades of all organizations."""
    steps: dict[str, int] = {}
    for row in rows:
        steps[row.state] = steps.get(row.state, 0) + 1
    grades = [sum(r.grades[i] for r in rows if r.final and r.grades) for i in range(len(GRADES))]
    return {
        "steps": sorted(steps.items(), key=lambda kv: -kv[1]),
        "members_voted": sum(r.members_voted for r in rows),
        "members_entitled": sum(r.members_entitled for r in rows),
        "masses_voted": sum(r.masses_voted for r in rows),
        "grades": [(GRADE_TEXT[g], n) for g, n in zip(GRADES, grades, strict=True)],
    }


GRADE_LABELS = [GRADE_TEXT[g] for g in GRADES]
