"""Member pages: list, detail, add, edit, delete and the audited reveal of a full ID number."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pingxing.audit.services import audit_record
from pingxing.core import scope
from pingxing.core.access import (
    deny,
    get_member_for_user,
    get_org_for_user,
    user_path,
    visible_members,
    visible_orgs,
    writable_member_orgs,
)
from pingxing.members import services
from pingxing.members.forms import MemberFilterForm, MemberForm
from pingxing.members.queries import MemberFilter, filter_members

PAGE_SIZE = 50
# Audit action of an explicit look at a full ID number (a read of sensitive data).
VIEW_SENSITIVE = "view_sensitive"


@login_required
def member_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = MemberFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    org = get_org_for_user(user, data["org"], request=request) if data.get("org") else None
    flt = MemberFilter(organization=org, status=data.get("status") or "",
                       mobile=data.get("mobile") or "", q=data.get("q") or "")
    page = Paginator(filter_members(visible_members(user), flt), PAGE_SIZE).get_page(request.GET.get("page"))
    path = user_path(user)
    context = {
        "form": form,
        "page": page,
        "org": org,
        "orgs": visible_orgs(user).filter(level="organization").only("pk", "name", "path")
        if user.role != scope.MEMBER else [],
        "can_add": user.role in scope.SUBTREE_ROLES or user.role == scope.ADMIN,
        "can_import": scope.can_import(user.role),
        "query": request.GET.copy(),
        "user_path": path,
    }
    context["query"].pop("page", None)
    template = "members/list.html#results" if request.htmx else "members/list.html"
    return render(request, template, context)


@login_required
def member_detail(request: HttpRequest, member_id: int) -> HttpResponse:
    member = get_member_for_user(request.user, member_id, request=request)
    role, path = request.user.role, user_path(request.user)
    return render(request, "members/detail.html", {
        "member": member,
        "can_edit": scope.can_write_member(role, path, member.organization.path),
        "can_reveal": scope.can_reveal_id_number(role, path, member.organization.path),
    })


@login_required
@require_POST
def member_reveal_id(request: HttpRequest, member_id: int) -> HttpResponse:
    """The full ID number, for Party staff of the member's scope only; every look is audited."""
    user = request.user
    member = get_member_for_user(user, member_id, request=request)
    if not scope.can_reveal_id_number(user.role, user_path(user), member.organization.path):
        deny(user, "members.member", member_id, request)
    audit_record(action=VIEW_SENSITIVE, user=user, obj=member, organization=member.organization,
                 changes={"id_number": ["", "shown"]}, request=request)
    return render(request, "members/detail.html#id_number", {"member": member, "revealed": True})


@login_required
def member_new(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not writable_member_orgs(user).exists():
        deny(user, "members.member", "new", request)
    initial = {}
    if request.GET.get("org"):
        initial["organization"] = get_org_for_user(user, request.GET["org"], request=request).pk
    form = MemberForm(request.POST or None, user=user, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = form.service_fields()
        organization = fields.pop("organization")
        try:
            member = services.member_create(by=user, organization=organization, request=request, **fields)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("已登记党员“%(name)s”") % {"name": member.name})
            return redirect("members:detail", member.pk)
    return render(request, "members/form.html", {"form": form, "member": None})


@login_required
def member_edit(request: HttpRequest, member_id: int) -> HttpResponse:
    user = request.user
    member = get_member_for_user(user, member_id, write=True, request=request)
    form = MemberForm(request.POST or None, instance=member, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            member = services.member_update(member=member, by=user, request=request, **form.service_fields())
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("已保存党员“%(name)s”") % {"name": member.name})
            return redirect("members:detail", member.pk)
    return render(request, "members/form.html", {"form": form, "member": member})


@login_required
def member_delete(request: HttpRequest, member_id: int) -> HttpResponse:
    member = get_member_for_user(request.user, member_id, write=True, request=request)
    if request.method == "POST":
        org_id = member.organization_id
        services.member_delete(member=member, by=request.user, request=request)
        messages.success(request, _("已删除党员“%(name)s”的档案") % {"name": member.name})
        return redirect(f"{_list_url()}?org={org_id}")
    return render(request, "members/confirm_delete.html", {"member": member})


def _list_url() -> str:
    from django.urls import reverse

    return reverse("members:list")


def _form_errors(form, exc: ValidationError) -> None:  # noqa: ANN001
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)
