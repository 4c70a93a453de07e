"""领导小组与工作计划 (plans): pages (phone friendly) and their thin writes."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pingxing.core.http import AuthenticatedHttpRequest, actor_of
from pingxing.core.steps import run_write, year_of
from pingxing.orgs.models import Organization, OrgLevel
from pingxing.plans import access, permissions, queries, services
from pingxing.plans.forms import (
    GroupForm,
    ItemForm,
    ItemStateForm,
    MemberForm,
    NoteForm,
    TargetForm,
)
from pingxing.plans.models import StarTarget

REFUSALS = (services.PlansError,)


def _back(org: Organization, year: int) -> str:
    return reverse("plans:org", args=[org.pk]) + f"?year={year}"


def _form_refusal(request: AuthenticatedHttpRequest, form: Any, back: str) -> HttpResponse:
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        messages.error(request, f"{label}：{errors[0]}" if label else errors[0])
        break
    return redirect(back)


@login_required
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    actor = actor_of(request.user)
    if permissions.can_see_overview(actor):
        return redirect("plans:overview")
    if permissions.can_browse_plans(actor) and request.user.organization_id:
        return redirect("plans:org", request.user.organization_id)
    raise Http404


@login_required
def overview(request: AuthenticatedHttpRequest) -> HttpResponse:
    actor = actor_of(request.user)
    if not permissions.can_see_overview(actor):
        raise Http404
    year = year_of(request)
    root = request.user.organization
    rows = queries.overview(root=root, year=year, today=timezone.localdate())
    return render(request, "plans/overview.html", {"year": year, "root": root, "rows": rows,
                                                   "can_confirm": actor.role == "street"})


@login_required
def org_page(request: AuthenticatedHttpRequest, org_id: int) -> HttpResponse:
    org = access.get_org_for_user(request.user, org_id, request=request)
    actor = actor_of(request.user)
    facts = access.org_facts(org)
    year = year_of(request)
    target = StarTarget.objects.filter(organization=org, year=year).first()
    achieved = queries.achieved_stars([org.pk], year).get(org.pk)
    can_edit = permissions.can_edit_plans(actor, facts)
    items = queries.items_of(org, year, timezone.localdate())
    return render(request, "plans/org.html", {
        "org": org, "year": year, "groups": queries.groups_of(org, year), "target": target,
        "achieved": achieved, "outcome": queries.outcome_label(target, achieved), "items": items,
        "is_street": org.level == OrgLevel.STREET, "can_edit": can_edit,
        "can_confirm": permissions.can_confirm_target(actor, facts),
        "group_form": GroupForm(), "member_form": MemberForm(), "target_form": TargetForm(),
        "item_form": ItemForm(), "state_form": ItemStateForm(), "note_form": NoteForm(),
        "today": timezone.localdate(),
    })


@login_required
@require_POST
def group_create(request: AuthenticatedHttpRequest, org_id: int) -> HttpResponse:
    org = access.get_org_for_user(request.user, org_id, check=permissions.can_edit_plans, request=request)
    year = year_of(request)
    form = GroupForm(request.POST)
    if not form.is_valid():
        return _form_refusal(request, form, _back(org, year))

    def write() -> str:
        services.group_create(organization=org, year=year, by=request.user, request=request, **form.cleaned_data)
        return _("已建立小组。")
    return run_write(request, write, _back(org, year), refusals=REFUSALS)


@login_required
@require_POST
def member_add(request: AuthenticatedHttpRequest, group_id: int) -> HttpResponse:
    group = access.get_group_for_user(request.user, group_id, request=request)
    back = _back(group.organization, group.year)
    form = MemberForm(request.POST)
    if not form.is_valid():
        return _form_refusal(request, form, back)

    def write() -> str:
        services.group_member_add(group=group, by=request.user, request=request, **form.cleaned_data)
        return _("已添加小组成员。")
    return run_write(request, write, back, refusals=REFUSALS)


@login_required
@require_POST
def member_remove(request: AuthenticatedHttpRequest, gm_id: int) -> HttpResponse:
    gm = access.get_group_member_for_user(request.user, gm_id, request=request)
    back = _back(gm.group.organization, gm.group.year)

    def write() -> str:
        services.group_member_remove(group_member=gm, by=request.user, request=request)
        return _("已移除小组成员。")
    return run_write(request, write, back, refusals=REFUSALS)


@login_required
@require_POST
def target_set(request: AuthenticatedHttpRequest, org_id: int) -> HttpResponse:
    org = access.get_org_for_user(request.user, org_id, check=permissions.can_edit_plans, request=request)
    year = year_of(request)
    form = TargetForm(request.POST)
    if not form.is_valid():
        return _form_refusal(request, form, _back(org, year))

    def write() -> str:
        services.target_set(organization=org, year=year, star=form.cleaned_data["star"], by=request.user,
                            request=request)
        return _("已申报评星目标，等待街道确认。")
    return run_write(request, write, _back(org, year), refusals=REFUSALS)


@login_required
@require_POST
def target_confirm(request: AuthenticatedHttpRequest, target_id: int) -> HttpResponse:
    target = access.get_target_for_user(request.user, target_id, request=request)

    def write() -> str:
        services.target_confirm(target=target, by=request.user, request=request)
        return _("已确认评星目标。")
    back = request.POST.get("next") == "overview" and reverse("plans:overview") + f"?year={target.year}"
    return run_write(request, write, back or _back(target.organization, target.year), refusals=REFUSALS)


@login_required
@require_POST
def item_add(request: AuthenticatedHttpRequest, org_id: int) -> HttpResponse:
    org = access.get_org_for_user(request.user, org_id, check=permissions.can_edit_plans, request=request)
    year = year_of(request)
    form = ItemForm(request.POST)
    if not form.is_valid():
        return _form_refusal(request, form, _back(org, year))

    def write() -> str:
        services.item_add(organization=org, year=year, by=request.user, request=request, **form.cleaned_data)
        return _("已添加工作计划事项。")
    return run_write(request, write, _back(org, year), refusals=REFUSALS)


@login_required
@require_POST
def item_update(request: AuthenticatedHttpRequest, item_id: int) -> HttpResponse:
    item = access.get_item_for_user(request.user, item_id, request=request)
    back = _back(item.organization, item.year)
    form = ItemStateForm(request.POST)
    if not form.is_valid():
        return _form_refusal(request, form, back)

    def write() -> str:
        services.item_update(item=item, state=form.cleaned_data["state"], by=request.user, request=request)
        return _("已更新进度。")
    return run_write(request, write, back, refusals=REFUSALS)


@login_required
@require_POST
def note_add(request: AuthenticatedHttpRequest, item_id: int) -> HttpResponse:
    item = access.get_item_for_user(request.user, item_id, request=request)
    back = _back(item.organization, item.year)
    form = NoteForm(request.POST, request.FILES)
    if not form.is_valid():
        return _form_refusal(request, form, back)

    def write() -> str:
        services.note_add(item=item, by=request.user, request=request, **form.cleaned_data)
        return _("已记录进展。")
    return run_write(request, write, back, refusals=REFUSALS)


@login_required
def note_file(request: AuthenticatedHttpRequest, note_id: int) -> FileResponse:
    note = access.get_note_for_user(request.user, note_id, request=request)
    if not note.evidence:
        raise Http404
    return FileResponse(note.evidence.open("rb"), filename=note.evidence_name or None)
