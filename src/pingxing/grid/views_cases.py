"""Staff pages of service cases (办事档案), phone first: the filtered list and its Excel export,
a case with its timeline and the steps this user may take, a new case, and case files."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pingxing.core.access import deny, parse_id
from pingxing.core.audit import AuditAction, audit_record
from pingxing.core.excel import Column, build_workbook, workbook_response
from pingxing.core.forms import errors_text
from pingxing.core.http import AuthenticatedHttpRequest, actor_of
from pingxing.grid import permissions_cases as permissions
from pingxing.grid import queries_cases as queries
from pingxing.grid import services_cases as services
from pingxing.grid.access_cases import (
    facts_of,
    get_case_for_user,
    list_cache_key,
    teams_of,
    visible_cases,
)
from pingxing.grid.facts import facts_from_json
from pingxing.grid.forms_cases import CaseFilterForm, CaseNewForm, StepForm
from pingxing.grid.models import Grid, Household
from pingxing.grid.models_cases import CaseFile, ServiceCase
from pingxing.grid.queries_cases import (
    EXPORT_HEADERS,
    MAX_EXPORT_ROWS,
    case_actions,
    dispatch_targets,
    export_row,
    new_case_choices,
    row_view,
    step_view,
)
from pingxing.orgs.models import Organization

PAGE_SIZE = 30
COUNT_CAP = 10_000  # beyond this a list says "more than" and pages no further: filters narrow it


class CappedPaginator(Paginator):
    """Counts at most COUNT_CAP + 1 rows: counting 100,000 cases on every page costs more
    than the page itself."""

    @cached_property
    def count(self) -> int:
        return int(self.object_list.order_by()[:COUNT_CAP + 1].count())

    @property
    def capped(self) -> bool:
        return bool(self.count > COUNT_CAP)


def _browse_or_404(request: AuthenticatedHttpRequest) -> None:
    if not permissions.can_browse_cases(actor_of(request.user), teams_of(request.user)):
        deny(request.user, "grid.cases", "", request)


def _grid_choices(request: AuthenticatedHttpRequest) -> list[tuple[int, str]]:
    actor = actor_of(request.user)
    teams = teams_of(request.user)
    grids = Grid.objects.none()
    if actor.role in permissions.READING_ROLES and actor.org_path:
        grids = Grid.objects.filter(community__path__startswith=actor.org_path)
    if teams.grids:
        grids = grids | Grid.objects.filter(pk__in=teams.grids)
    return list(grids.order_by("community_id", "code").values_list("pk", "name")[:500])


def _filter_fields(form: CaseFilterForm) -> list[tuple[str, Any, Any]]:
    """(name, label, the <option>s) of each drop-down filter, the chosen one selected."""
    fields = []
    for name in ("state", "category", "grid", "light", "source"):
        field = form[name]
        chosen = str(field.value() or "")
        # Plain string joins: a street has hundreds of grids, and format_html per option was
        # a tenth of the page's time.
        options = mark_safe("".join(
            f'<option value="{escape(value)}"{" selected" if str(value) == chosen else ""}>{escape(label)}</option>'
            for value, label in field.field.choices))
        fields.append((name, field.label, options))
    return fields


def _filtered(request: AuthenticatedHttpRequest) -> tuple[CaseFilterForm, Any]:
    form = CaseFilterForm(request.GET, grids=_grid_choices(request))
    return form, queries.filtered_cases(visible_cases(request.user), form.filters())


@login_required
def case_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """办事档案: the cases the user may read, filtered; a bounded number of queries per page.
    The count, rows and pager are rendered once per reader, filters, page, day and change of
    any case (cached for LIST_CACHE_SECONDS at most): lists are read far more than written."""
    _browse_or_404(request)
    form, cases = _filtered(request)
    today = queries.today_local()
    key = list_cache_key(request.user, request.GET.urlencode(), today, queries.cases_version())
    body = cache.get(key)
    if body is None:
        page = CappedPaginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        prefix = queries.case_url_prefix()
        body = render_to_string("grid/cases/_rows.html", {
            "page": page, "rows": [row_view(case, today, url_prefix=prefix) for case in page.object_list],
            "query": query.urlencode(), "cap": COUNT_CAP,
        })
        cache.set(key, body, queries.LIST_CACHE_SECONDS)
    query = request.GET.copy()
    query.pop("page", None)
    actor = actor_of(request.user)
    return render(request, "grid/cases/list.html", {
        "form": form, "filter_fields": _filter_fields(form), "body": mark_safe(body),
        "query": query.urlencode(), "can_export": permissions.can_export_cases(actor),
        "can_open": actor.role in permissions.DISPATCHING_ROLES | {"street"} or bool(teams_of(request.user).grids),
    })


@login_required
def case_export(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The filtered list as an Excel table (no reporter's name or contact); audited."""
    if not permissions.can_export_cases(actor_of(request.user)):
        deny(request.user, "grid.cases", "export", request)
    _form, cases = _filtered(request)
    today = queries.today_local()
    rows = [export_row(case, today) for case in cases[:MAX_EXPORT_ROWS]]
    audit_record(action=AuditAction.EXPORT, user=request.user, object_type="grid.case",
                 changes={"rows": [None, len(rows)]}, request=request)
    wb = build_workbook(_("办事档案"), [Column(h) for h in EXPORT_HEADERS], rows)
    return workbook_response(wb, f"办事档案-{today.isoformat()}.xlsx")


@login_required
def case_detail(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    case = get_case_for_user(request.user, case_id, request=request)
    now = timezone.now()
    facts = facts_from_json(case.facts)
    roles = permissions.case_roles(actor_of(request.user), teams_of(request.user), facts_of(case))
    actions = case_actions(facts, roles, now)
    steps = queries.timeline(case)
    return render(request, "grid/cases/detail.html", {
        "case": case, "row": row_view(case, queries.today_local(now)), "steps": [step_view(s) for s in steps],
        "actions": actions, "targets": dispatch_targets(case) if any(a.action == "dispatch" for a in actions) else [],
        "files": list(CaseFile.objects.filter(case=case).order_by("pk")),
        "category": services.case_catalogue().get(case.category),
    })


@login_required
@require_POST
def case_step(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    """One step of the closed loop from the case page; a refusal is shown on the page."""
    case = get_case_for_user(request.user, case_id, request=request)
    form = StepForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, errors_text(form) or _("请检查填写的内容。"))
        return redirect("grid:case", case.pk)
    data = form.data_for_step()
    target = request.POST.get("target", "")
    if ":" in target:
        data["to_kind"], data["to"] = target.split(":", 1)
    uploads = [form.cleaned_data["file"]] if form.cleaned_data.get("file") else []
    try:
        services.case_step(case=case, action=form.cleaned_data["action"], by=request.user,
                           reason=form.cleaned_data.get("reason") or "", data=data, request=request, uploads=uploads)
    except services.CaseError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("已办理。"))
    return redirect("grid:case", case.pk)


@login_required
def case_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Staff register a case (a call, a visit to the office, a concern seen on the street)."""
    communities, grids = new_case_choices(request.user)
    if not communities:
        deny(request.user, "grid.case", "new", request)
    form = CaseNewForm(request.POST or None, request.FILES or None, communities=communities, grids=grids)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        community = Organization.objects.filter(pk=d["community"]).first()
        grid = Grid.objects.filter(pk=d["grid"]).first() if d["grid"] else None
        household = Household.objects.filter(pk=d["household"]).first() if d["household"] else None
        try:
            if community is None or (d["household"] and household is None):
                raise services.CaseError(_("所选社区或户不存在。"))
            case = services.case_open(
                community=community, category=d["category"], title=d["title"], description=d["description"],
                source="staff", by=request.user, grid=grid, household=household, address=d["address"],
                reporter_name=d["reporter_name"], reporter_contact=d["reporter_contact"], request=request,
                uploads=[d["file"]] if d.get("file") else [])
        except services.CaseError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("已受理，案件编号 %(number)s。") % {"number": case.number})
            return redirect("grid:case", case.pk)
    return render(request, "grid/cases/new.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def case_file(request: AuthenticatedHttpRequest, file_id: int) -> FileResponse:
    found: CaseFile | None = CaseFile.objects.filter(pk=parse_id(file_id)).first()
    if found is None:
        raise Http404
    case: ServiceCase = get_case_for_user(request.user, found.case_id, request=request)
    assert case.pk == found.case_id
    return FileResponse(found.file.open("rb"), filename=found.original_name or None)
