"""The 述职 summary of a cadre's year (每年开展社区主职干部廉洁承诺、述职述廉): generated from
their pledge, its checkpoints and results, their accountability cases and, for the secretary,
the star target against the published star. A page and a DOCX (python-docx, kept plain)."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from pingxing.cadres import queries
from pingxing.cadres.models import AccountabilityCase, CadrePledge, CheckResult, LeadershipPost


@dataclass(frozen=True)
class CheckLine:
    due_on: dt.date
    result: str  # label, or "待检查"
    note: str


@dataclass(frozen=True)
class CommitmentLine:
    text: str
    checks: tuple[CheckLine, ...]


@dataclass(frozen=True)
class CaseLine:
    opened_on: dt.date
    state: str
    form: str
    reason: str


@dataclass(frozen=True)
class DutyReport:
    name: str
    title: str
    organization: str
    year: int
    pledge_state: str | None
    commitments: tuple[CommitmentLine, ...]
    counts: dict[str, int] = field(default_factory=dict)  # result label → checkpoints
    cases: tuple[CaseLine, ...] = ()
    stars: queries.StarLink | None = None


def duty_report(post: LeadershipPost, year: int) -> DutyReport:
    pledge = (queries.with_checkpoints(CadrePledge.objects.filter(post=post, year=year)).first())
    commitments: list[CommitmentLine] = []
    counts = {str(label): 0 for _value, label in CheckResult.choices}
    pending = _("待检查")
    counts[pending] = 0
    if pledge is not None:
        for c in pledge.commitments.all():
            checks = []
            for cp in c.checkpoints.all():
                label = cp.get_result_display() if cp.result else pending
                counts[str(label)] += 1
                checks.append(CheckLine(due_on=cp.due_on, result=str(label), note=cp.note))
            commitments.append(CommitmentLine(text=c.text, checks=tuple(checks)))
    cases = tuple(CaseLine(opened_on=case.opened_at.date(), state=str(case.get_state_display()),
                           form=case.form_label, reason=case.reason)
                  for case in AccountabilityCase.objects.filter(post=post, year=year).order_by("opened_at"))
    stars = queries.star_link(pledge) if pledge is not None and post.is_secretary else None
    return DutyReport(name=post.holder_name, title=post.title, organization=post.organization.name, year=year,
                      pledge_state=str(pledge.get_state_display()) if pledge is not None else None,
                      commitments=tuple(commitments), counts=counts, cases=cases, stars=stars)


def _star(value: int | None) -> str:
    return _("%(n)s星") % {"n": value} if value else _("无")


def duty_report_docx(report: DutyReport) -> bytes:
    from docx import Document

    doc = Document()
    doc.add_heading(_("%(year)s年度述职报告") % {"year": report.year}, level=1)
    doc.add_paragraph(f"{report.organization} {report.title} {report.name}")
    doc.add_heading(_("一、年度承诺及兑现情况"), level=2)
    if not report.commitments:
        doc.add_paragraph(_("本年度没有承诺。"))
    for n, line in enumerate(report.commitments, start=1):
        doc.add_paragraph(f"{n}. {line.text}")
        for check in line.checks:
            note = f"（{check.note}）" if check.note else ""
            doc.add_paragraph(f"{check.due_on:%Y-%m-%d} {check.result}{note}", style="List Bullet")
    summary = "、".join(f"{label}{n}项" for label, n in report.counts.items() if n)
    if summary:
        doc.add_paragraph(_("检查点合计：%(s)s。") % {"s": summary})
    if report.stars is not None:
        doc.add_heading(_("二、评星晋级目标"), level=2)
        doc.add_paragraph(_("星级目标：%(t)s；申报星级：%(d)s；公布星级：%(p)s。") % {
            "t": _star(report.stars.target), "d": _star(report.stars.declared),
            "p": _star(report.stars.published) if report.stars.published is not None else _("尚未公布")})
    doc.add_heading(_("三、问责情况") if report.stars is not None else _("二、问责情况"), level=2)
    if not report.cases:
        doc.add_paragraph(_("本年度无问责。"))
    for case in report.cases:
        doc.add_paragraph(f"{case.opened_on:%Y-%m-%d} {case.state} {case.form} {case.reason}".strip())
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
