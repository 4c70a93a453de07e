"""Pages of the organization tree: tree, organization page, edits of organizations and Party groups."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pingxing.core import scope
from pingxing.core.access import (
    deny,
    get_org_for_user,
    get_party_group_for_user,
    user_path,
    visible_orgs,
)
from pingxing.orgs import queries, services
from pingxing.orgs.forms import OrganizationForm, PartyGroupForm
from pingxing.orgs.models import OrgLevel

_CHILD_LEVEL = {OrgLevel.COUNTY: OrgLevel.STREET, OrgLevel.STREET: OrgLevel.ORGANIZATION}


def _form_errors(form, exc: ValidationError) -> None:  # noqa: ANN001
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@login_required
def tree(request: HttpRequest) -> HttpResponse:
    roots = queries.org_tree(visible_orgs(request.user))
    return render(request, "orgs/tree.html", {"roots": roots, "can_import": scope.can_import_orgs(request.user.role)})


@login_required
def org_detail(request: HttpRequest, org_id: int) -> HttpResponse:
    org = get_org_for_user(request.user, org_id, request=request)
    role, path = request.user.role, user_path(request.user)
    groups = org.party_groups.annotate(member_count=Count("members"))
    children = queries.org_tree(visible_orgs(request.user).filter(parent=org))
    context = {
        "org": org,
        "counts": queries.member_counts_by_status(org),
        "groups": groups,
        "children": children,
        "candidates": queries.upgrade_candidates(org) if org.level == OrgLevel.STREET else None,
        "can_edit": scope.can_write_org(role, path, org.path),
        "can_add_child": org.level in _CHILD_LEVEL and scope.can_create_org_under(role, path, org.path),
        "can_manage_groups": org.level == OrgLevel.ORGANIZATION and scope.can_manage_groups(role, path, org.path),
        "members_visible": role != scope.MEMBER,
        "rating_cases": _rating_cases(request.user, org),
    }
    return render(request, "orgs/detail.html", context)


def _rating_cases(user, org):  # noqa: ANN001, ANN202
    """评星晋级 of a community, newest year first, each with its steps (the timeline)."""
    if org.kind != "community":
        return []
    from pingxing.ratings.access import visible_cases

    return list(
        visible_cases(user).filter(organization=org).order_by("-campaign__year")
        .prefetch_related("transitions__by")
    )


@login_required
def org_new(request: HttpRequest, parent_id: int) -> HttpResponse:
    parent = get_org_for_user(request.user, parent_id, write=True, request=request)
    level = _CHILD_LEVEL.get(parent.level)
    if level is None:
        messages.error(request, _("“%(name)s”下不能再设下级组织") % {"name": parent.name})
        return redirect("orgs:detail", parent.pk)
    form = OrganizationForm(request.POST or None, level=level)
    if request.method == "POST" and form.is_valid():
        try:
            org = services.org_create(**form.cleaned_data, level=level, parent=parent, by=request.user, request=request)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("已新增“%(name)s”") % {"name": org.name})
            return redirect("orgs:detail", org.pk)
    return render(request, "orgs/form.html", {"form": form, "parent": parent, "org": None})


@login_required
def org_edit(request: HttpRequest, org_id: int) -> HttpResponse:
    org = get_org_for_user(request.user, org_id, write=True, request=request)
    form = OrganizationForm(request.POST or None, instance=org, level=org.level)
    if request.method == "POST" and form.is_valid():
        try:
            org = services.org_update(org=org, by=request.user, request=request, **form.cleaned_data)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("已保存“%(name)s”") % {"name": org.name})
            return redirect("orgs:detail", org.pk)
    return render(request, "orgs/form.html", {"form": form, "parent": org.parent, "org": org})


def _org_for_groups(request: HttpRequest, org_id: int):  # noqa: ANN202
    org = get_org_for_user(request.user, org_id, request=request)
    if not scope.can_manage_groups(request.user.role, user_path(request.user), org.path):
        deny(request.user, "orgs.partygroup", f"new@{org_id}", request)
    return org


@login_required
def group_new(request: HttpRequest, org_id: int) -> HttpResponse:
    org = _org_for_groups(request, org_id)
    form = PartyGroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.party_group_create(organization=org, by=request.user, request=request, **form.cleaned_data)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("已新增党小组"))
            return redirect("orgs:detail", org.pk)
    return render(request, "orgs/group_form.html", {"form": form, "org": org, "group": None})


@login_required
def group_edit(request: HttpRequest, group_id: int) -> HttpResponse:
    group = get_party_group_for_user(request.user, group_id, write=True, request=request)
    form = PartyGroupForm(request.POST or None, instance=group)
    if request.method == "POST" and form.is_valid():
        try:
            services.party_group_update(group=group, by=request.user, request=request, **form.cleaned_data)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("已保存党小组"))
            return redirect("orgs:detail", group.organization_id)
    return render(request, "orgs/group_form.html", {"form": form, "org": group.organization, "group": group})


@login_required
@require_POST
def group_delete(request: HttpRequest, group_id: int) -> HttpResponse:
    group = get_party_group_for_user(request.user, group_id, write=True, request=request)
    org_id = group.organization_id
    services.party_group_delete(group=group, by=request.user, request=request)
    messages.success(request, _("已删除党小组“%(name)s”") % {"name": group.name})
    return redirect("orgs:detail", org_id)
