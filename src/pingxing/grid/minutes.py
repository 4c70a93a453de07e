"""The minutes (会议纪要) of an analysis meeting as DOCX (python-docx, kept plain) and PDF
(WeasyPrint; Noto CJK fonts from fontconfig; nothing is fetched)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from pingxing.grid import cadence
from pingxing.grid.models_meetings import Meeting


@dataclass(frozen=True)
class Minutes:
    title: str
    scope: str
    period: str
    held_on: str
    place: str
    attendees: str
    agenda_lines: tuple[str, ...]
    conclusions: str
    decisions: tuple[str, ...]
    recorder: str


def _agenda_lines(agenda: dict[str, Any]) -> list[str]:
    lines = []
    total, previous = agenda.get("total", 0), agenda.get("previous_total", 0)
    lines.append(_("本期受理案件 %(n)s 件，上期 %(p)s 件。") % {"n": total, "p": previous})
    hot = "、".join(f"{t['name']}{t['count']}件" for t in agenda.get("by_category", [])[:5] if t["count"])
    if hot:
        lines.append(_("热点类别：%(s)s。") % {"s": hot})
    overdue = agenda.get("overdue", [])
    lines.append(_("超期未办结案件 %(n)s 件%(list)s。") % {
        "n": len(overdue), "list": ("：" + "、".join(c["number"] for c in overdue)) if overdue else ""})
    for key, label in (("repeated_reporters", _("重复反映")), ("repeated_addresses", _("同一地点重复发生"))):
        groups = agenda.get(key, [])
        if groups:
            text = "；".join(f"{g['label']}（{'、'.join(c['number'] for c in g['cases'])}）" for g in groups)
            lines.append(f"{label}：{text}。")
    unsatisfied = agenda.get("unsatisfied", [])
    if unsatisfied:
        lines.append(_("回访不满意：%(s)s。") % {"s": "、".join(c["number"] for c in unsatisfied)})
    return lines


def minutes_of(meeting: Meeting, scope_name: str) -> Minutes:
    level = cadence.Level(meeting.level)
    period = cadence.Period(meeting.period_start, meeting.period_end)
    decisions = []
    for d in meeting.decisions.all():
        numbers = "、".join(c.number for c in d.cases.all())
        decisions.append(f"【{d.get_kind_display()}】{d.text}" + (f"（{numbers}）" if numbers else ""))
    return Minutes(
        title=_("%(scope)s%(level)s会议纪要") % {"scope": scope_name, "level": cadence.LEVEL_TEXT[level]},
        scope=scope_name, period=cadence.period_label(level, period), held_on=f"{meeting.held_on:%Y-%m-%d}",
        place=meeting.place, attendees=meeting.attendees, agenda_lines=tuple(_agenda_lines(meeting.agenda)),
        conclusions=meeting.conclusions, decisions=tuple(decisions),
        recorder=str(meeting.recorded_by.get_full_name() or meeting.recorded_by.username))


def minutes_docx(m: Minutes) -> bytes:
    from docx import Document

    doc = Document()
    doc.add_heading(m.title, level=1)
    for label, value in ((_("研判期"), m.period), (_("召开日期"), m.held_on), (_("地点"), m.place),
                         (_("参加人员"), m.attendees), (_("记录人"), m.recorder)):
        doc.add_paragraph(f"{label}：{value}")
    doc.add_heading(_("一、研判事项"), level=2)
    for line in m.agenda_lines:
        doc.add_paragraph(line, style="List Bullet")
    doc.add_heading(_("二、研判结论"), level=2)
    for para in m.conclusions.splitlines():
        if para.strip():
            doc.add_paragraph(para.strip())
    doc.add_heading(_("三、决定事项"), level=2)
    if not m.decisions:
        doc.add_paragraph(_("无。"))
    for n, line in enumerate(m.decisions, start=1):
        doc.add_paragraph(f"{n}. {line}")
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _fetch_nothing(url: str, *args: object, **kwargs: object) -> Any:
    raise ValueError("the minutes fetch nothing")


def minutes_pdf(m: Minutes) -> bytes:
    from weasyprint import HTML  # heavy import, only when a PDF is wanted

    html = render_to_string("grid/meetings/minutes_pdf.html", {"m": m})
    pdf: bytes = HTML(string=html, url_fetcher=_fetch_nothing).write_pdf()
    return pdf
