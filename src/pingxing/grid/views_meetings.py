"""Pages of the analysis meetings (研判): the periods of a scope (held, missed, due), the
generated agenda of a period, the record form, the meeting with its decisions, the minutes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from pingxing.core.access import parse_id
from pingxing.core.audit import AuditAction, audit_record
from pingxing.core.http import AuthenticatedHttpRequest, actor_of
from pingxing.grid import cadence, minutes, queries_meetings, services_meetings
from pingxing.grid.agenda import build_agenda
from pingxing.grid.models import Grid
from pingxing.grid.models_meetings import DecisionKind
from pingxing.grid.queries_meetings import Scope, facts_of, get_meeting_for_user, get_scope_for_user
from pingxing.grid.services_meetings import MeetingError


class MeetingForm(forms.Form):
    held_on = forms.DateField(label=gettext_lazy("召开日期"), widget=forms.DateInput(attrs={"type": "date"}))
    place = forms.CharField(label=gettext_lazy("地点"), max_length=100, required=False)
    attendees = forms.CharField(label=gettext_lazy("参加人员"), widget=forms.Textarea(attrs={"rows": 2}))
    conclusions = forms.CharField(label=gettext_lazy("研判结论"), widget=forms.Textarea(attrs={"rows": 6}))


class DecisionForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("决定类型"), choices=DecisionKind.choices)
    text = forms.CharField(label=gettext_lazy("决定内容"), widget=forms.Textarea(attrs={"rows": 2}))
    cases = forms.CharField(label=gettext_lazy("涉及案件编号"), required=False,
                            help_text=gettext_lazy("多个编号用空格或逗号分开；合并时第一个为主案件。"))
    grid = forms.TypedChoiceField(label=gettext_lazy("承办网格（指定承办时）"), required=False, coerce=int,
                                  empty_value=None)


def _today() -> dt.date:
    return timezone.localdate()


def _period(scope: Scope, value: Any) -> cadence.Period:
    try:
        day = dt.date.fromisoformat(str(value or ""))
    except ValueError:
        raise Http404 from None
    if not cadence.is_period_start(scope.level, day) or day > _today():
        raise Http404
    return cadence.period_of(scope.level, day)


def _can_hold(request: AuthenticatedHttpRequest, scope: Scope) -> bool:
    return cadence.can_hold_meeting(actor_of(request.user), facts_of(scope, request.user))


@login_required
def meetings(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The user's scopes and, for the chosen one, its recent periods: held, missed or due."""
    scopes = queries_meetings.own_scopes(request.user)
    key = request.GET.get("scope") or (scopes[0].key if scopes else "")
    if not key:
        raise Http404
    scope = get_scope_for_user(request.user, key, request=request)
    last = queries_meetings.meetings_by_scope(scopes)
    return render(request, "grid/meetings/list.html", {
        "scope": scope, "rows": queries_meetings.period_rows(scope, today=_today()),
        "scopes": [(s, last.get(s.key), cadence.LEVEL_TEXT[s.level]) for s in scopes], "can_hold": _can_hold(request, scope),
        "level_text": cadence.LEVEL_TEXT[scope.level]})


@login_required
def meeting_agenda(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The agenda generated for one period of a scope."""
    scope = get_scope_for_user(request.user, request.GET.get("scope"), request=request)
    period = _period(scope, request.GET.get("start"))
    agenda = build_agenda(queries_meetings.agenda_facts(scope, period))
    held = scope.meetings().filter(period_start=period.start).first()
    return render(request, "grid/meetings/agenda.html", {
        "scope": scope, "period": period, "label": cadence.period_label(scope.level, period),
        "agenda": agenda.to_json(), "meeting": held, "can_hold": _can_hold(request, scope),
        "level_text": cadence.LEVEL_TEXT[scope.level]})


@login_required
def meeting_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Record the meeting of a period (its convener only)."""
    source = request.POST if request.method == "POST" else request.GET
    scope = get_scope_for_user(request.user, source.get("scope"), check=cadence.can_hold_meeting, request=request)
    period = _period(scope, source.get("start"))
    form = MeetingForm(request.POST or None, initial={"held_on": min(period.end, _today())})
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services_meetings.meeting_record(
                scope=scope, period_start=period.start, by=request.user, today=_today(), request=request,
                **form.cleaned_data)
        except MeetingError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("研判会议已记录。"))
            return redirect("grid:meeting", meeting.pk)
    return render(request, "grid/meetings/form.html", {
        "scope": scope, "period": period, "label": cadence.period_label(scope.level, period), "form": form,
        "level_text": cadence.LEVEL_TEXT[scope.level]})


def _grid_choices(scope: Scope) -> list[tuple[Any, str]]:
    grids = Grid.objects.filter(community__path__startswith=scope.organization.path) if (
        scope.level is cadence.Level.STREET) else Grid.objects.filter(community=scope.organization)
    return [("", "—"), *((g.pk, g.name) for g in grids.order_by("code"))]


@login_required
def meeting(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    found, scope = get_meeting_for_user(request.user, meeting_id, request=request)
    can_hold = _can_hold(request, scope)
    form = DecisionForm()
    form.fields["grid"].choices = _grid_choices(scope) if can_hold else []
    decisions = list(found.decisions.prefetch_related("cases").order_by("pk"))
    return render(request, "grid/meetings/detail.html", {
        "meeting": found, "scope": scope, "decisions": decisions, "can_hold": can_hold, "form": form,
        "label": cadence.period_label(scope.level, cadence.Period(found.period_start, found.period_end)),
        "agenda": found.agenda, "level_text": cadence.LEVEL_TEXT[scope.level]})


@login_required
@require_POST
def meeting_decision(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    found, scope = get_meeting_for_user(request.user, meeting_id, check=cadence.can_hold_meeting, request=request)
    form = DecisionForm(request.POST)
    form.fields["grid"].choices = _grid_choices(scope)
    if not form.is_valid():
        messages.error(request, _("请检查决定的内容。"))
        return redirect("grid:meeting", found.pk)
    numbers = [n for n in form.cleaned_data["cases"].replace("，", " ").replace(",", " ").split() if n]
    ids = queries_meetings.case_ids_by_number(scope, numbers)
    unknown = [n for n in numbers if n not in ids]
    if unknown:
        messages.error(request, _("本次研判范围内没有这些案件：%(n)s。") % {"n": "、".join(unknown)})
        return redirect("grid:meeting", found.pk)
    grid_id = form.cleaned_data.get("grid")
    grid = Grid.objects.select_related("community").filter(pk=parse_id(grid_id)).first() if grid_id else None
    try:
        _decision, notes = services_meetings.decision_add(
            meeting=found, scope=scope, kind=form.cleaned_data["kind"], text=form.cleaned_data["text"],
            case_ids=[ids[n] for n in numbers], grid=grid, by=request.user, request=request)
    except MeetingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("决定已记录。"))
        for note in notes:
            messages.warning(request, _("未能执行：%(n)s") % {"n": note})
    return redirect("grid:meeting", found.pk)


def _minutes(request: AuthenticatedHttpRequest, meeting_id: int, kind: str) -> HttpResponse:
    found, scope = get_meeting_for_user(request.user, meeting_id, request=request)
    m = minutes.minutes_of(found, scope.name)
    audit_record(action=AuditAction.EXPORT, user=request.user, obj=found, organization=found.organization,
                 request=request, object_repr=m.title, changes={"format": [None, kind]})
    if kind == "docx":
        body, content_type = minutes.minutes_docx(m), \
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    else:
        body, content_type = minutes.minutes_pdf(m), "application/pdf"
    response = HttpResponse(body, content_type=content_type)
    filename = f"minutes-{found.level}-{found.period_start:%Y%m%d}.{kind}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def meeting_docx(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    return _minutes(request, meeting_id, "docx")


@login_required
def meeting_pdf(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    return _minutes(request, meeting_id, "pdf")
