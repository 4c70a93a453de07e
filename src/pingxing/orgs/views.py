"""Pages of the organization tree: tree, organization page, edits of organizations and Party groups."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pingxing.core.forms import add_service_errors
from pingxing.core.http import AuthenticatedHttpRequest, actor_of
from pingxing.orgs import permissions, queries, services
from pingxing.orgs.access import (
    get_org_for_group_setup,
    get_org_for_user,
    get_party_group_for_user,
    visible_orgs,
)
from pingxing.orgs.forms import OrganizationForm, PartyGroupForm
from pingxing.orgs.models import CHILD_LEVEL, OrgLevel
from pingxing.orgs.views_regional import member_unit_form


@login_required
def tree(request: AuthenticatedHttpRequest) -> HttpResponse:
    roots = queries.org_tree(visible_orgs(request.user))
    return render(request, "orgs/tree.html", {
        "roots": roots, "can_import": permissions.can_import_orgs(actor_of(request.user)),
        "can_outside": permissions.can_manage_outside_units(actor_of(request.user)),
    })


@login_required
def org_detail(request: AuthenticatedHttpRequest, org_id: int) -> HttpResponse:
    org = get_org_for_user(request.user, org_id, request=request)
    actor = actor_of(request.user)
    context = {
        "org": org,
        "groups": queries.groups_with_counts(org),
        "children": queries.org_tree(queries.children_of(visible_orgs(request.user), org)),
        # A secretary sees the street above by name; only those who may open it get a link.
        "parent_visible": org.parent_id is not None and visible_orgs(request.user).filter(pk=org.parent_id).exists(),
        "candidates": queries.upgrade_candidates(org) if org.level == OrgLevel.STREET else None,
        "can_edit": permissions.can_write_org(actor, org.path),
        "can_add_child": org.level in CHILD_LEVEL and permissions.can_create_org_under(actor, org.path),
        "is_party_org": org.level == OrgLevel.ORGANIZATION,
        "member_units": (org.member_units.filter(left_on__isnull=True).select_related("organization", "outside_unit")
                         if org.is_regional else None),
        "can_manage_groups": org.level == OrgLevel.ORGANIZATION and permissions.can_manage_groups(actor, org.path),
        "unit_form": (member_unit_form(request, org)
                      if org.is_regional and permissions.can_manage_member_units(actor, org.path) else None),
    }
    return render(request, "orgs/detail.html", context)


@login_required
def org_new(request: AuthenticatedHttpRequest, parent_id: int) -> HttpResponse:
    parent = get_org_for_user(request.user, parent_id, write=True, request=request)
    level = CHILD_LEVEL.get(parent.level)
    if level is None:
        messages.error(request, _("“%(name)s”下不能再设下级组织") % {"name": parent.name})
        return redirect("orgs:detail", parent.pk)
    form = OrganizationForm(request.POST or None, level=level)
    if request.method == "POST" and form.is_valid():
        try:
            org = services.org_create(**form.cleaned_data, level=level, parent=parent, by=request.user, request=request)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已新增“%(name)s”") % {"name": org.name})
            return redirect("orgs:detail", org.pk)
    return render(request, "orgs/form.html", {"form": form, "parent": parent, "org": None})


@login_required
def org_edit(request: AuthenticatedHttpRequest, org_id: int) -> HttpResponse:
    org = get_org_for_user(request.user, org_id, write=True, request=request)
    form = OrganizationForm(request.POST or None, instance=org, level=org.level)
    if request.method == "POST" and form.is_valid():
        try:
            org = services.org_update(org=org, by=request.user, request=request, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已保存“%(name)s”") % {"name": org.name})
            return redirect("orgs:detail", org.pk)
    return render(request, "orgs/form.html", {"form": form, "parent": org.parent, "org": org})


@login_required
def group_new(request: AuthenticatedHttpRequest, org_id: int) -> HttpResponse:
    org = get_org_for_group_setup(request.user, org_id, request=request)
    form = PartyGroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.party_group_create(organization=org, by=request.user, request=request, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已新增党小组"))
            return redirect("orgs:detail", org.pk)
    return render(request, "orgs/group_form.html", {"form": form, "org": org, "group": None})


@login_required
def group_edit(request: AuthenticatedHttpRequest, group_id: int) -> HttpResponse:
    group = get_party_group_for_user(request.user, group_id, write=True, request=request)
    form = PartyGroupForm(request.POST or None, instance=group)
    if request.method == "POST" and form.is_valid():
        try:
            services.party_group_update(group=group, by=request.user, request=request, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已保存党小组"))
            return redirect("orgs:detail", group.organization_id)
    return render(request, "orgs/group_form.html", {"form": form, "org": group.organization, "group": group})


@login_required
@require_POST
def group_delete(request: AuthenticatedHttpRequest, group_id: int) -> HttpResponse:
    group = get_party_group_for_user(request.user, group_id, write=True, request=request)
    org_id = group.organization_id
    services.party_group_delete(group=group, by=request.user, request=request)
    messages.success(request, _("已删除党小组“%(name)s”") % {"name": group.name})
    return redirect("orgs:detail", org_id)
