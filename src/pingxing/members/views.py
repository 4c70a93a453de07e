"""Member pages: list, detail, add, edit, delete and the audited reveal of a full ID number."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pingxing.accounts import permissions as account_permissions
from pingxing.accounts.roles import Role
from pingxing.core.access import deny
from pingxing.core.forms import add_service_errors
from pingxing.core.http import AuthenticatedHttpRequest, actor_of
from pingxing.members import permissions, services, views_regional
from pingxing.members.access import (
    get_member_for_user,
    get_member_id_for_user,
    visible_members,
    writable_member_orgs,
)
from pingxing.members.access_regional import drawn_members_of
from pingxing.members.forms import CONTACT_FIELDS, MemberFilterForm, MemberForm
from pingxing.members.queries import MemberFilter, filter_members, list_org_choices
from pingxing.orgs.access import get_org_for_user

PAGE_SIZE = 50


@login_required
def member_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    actor = actor_of(user)
    form = MemberFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    org = get_org_for_user(user, data["org"], request=request) if data.get("org") else None
    flt = MemberFilter(organization=org, status=data.get("status") or "",
                       mobile=data.get("mobile") or "", q=data.get("q") or "")
    page = Paginator(filter_members(visible_members(user), flt), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "org": org,
        "orgs": list_org_choices(user),
        "can_add": permissions.can_add_members(actor),
        "can_import": permissions.can_import_members(actor),
        "query": request.GET.copy(),
        "user_path": actor.org_path,
    }
    context["query"].pop("page", None)
    if org is not None and org.is_regional and permissions.can_read_drawn_member(actor, [org.path]):
        context["drawn"] = drawn_members_of(org)
        context["regional"] = org
        if permissions.can_manage_drawn_members(actor, org.path):
            context["drawn_candidates"] = views_regional.drawn_candidates(user, org)
    template = "members/list.html#results" if request.htmx else "members/list.html"
    return render(request, template, context)


@login_required
def member_detail(request: AuthenticatedHttpRequest, member_id: int) -> HttpResponse:
    member = get_member_for_user(request.user, member_id, request=request)
    actor = actor_of(request.user)
    return render(request, "members/detail.html", {
        "member": member,
        "regionals": [d.regional for d in member.drawings.select_related("regional")],
        "can_edit": permissions.can_write_member(actor, member.organization.path),
        "work_units": (views_regional.work_unit_choices(member)
                       if permissions.can_write_member(actor, member.organization.path) else None),
        "can_reveal": permissions.can_reveal_id_number(actor, member.organization.path),
        "can_open_account": not hasattr(member, "user")
        and account_permissions.can_grant_role(actor, Role.MEMBER, member.organization.path),
    })


@login_required
@require_POST
def member_reveal_id(request: AuthenticatedHttpRequest, member_id: int) -> HttpResponse:
    """The full ID number, for Party staff of the member's scope only; every look is audited."""
    member = get_member_id_for_user(request.user, member_id, request=request)
    services.member_id_number_viewed(member=member, by=request.user, request=request)
    return render(request, "members/detail.html#id_number", {"member": member, "revealed": True})


@login_required
def member_new(request: AuthenticatedHttpRequest) -> HttpResponse:
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
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已登记党员“%(name)s”") % {"name": member.name})
            return redirect("members:detail", member.pk)
    return render(request, "members/form.html", {"form": form, "member": None})


@login_required
def member_edit(request: AuthenticatedHttpRequest, member_id: int) -> HttpResponse:
    user = request.user
    member = get_member_for_user(user, member_id, write=True, request=request)
    form = MemberForm(request.POST or None, instance=member, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            member = services.member_update(member=member, by=user, request=request, **form.service_fields())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已保存党员“%(name)s”") % {"name": member.name})
            return redirect("members:detail", member.pk)
    return render(request, "members/form.html", {"form": form, "member": member})


@login_required
@require_POST
def member_reveal_contact(request: AuthenticatedHttpRequest, member_id: int) -> HttpResponse:
    """The edit form again, with the full phone and address in it (audited), keeping what was
    typed in the other fields."""
    user = request.user
    member = get_member_for_user(user, member_id, write=True, request=request)
    services.member_contact_viewed(member=member, by=user, request=request)
    typed = {name: value for name, value in request.POST.items()
             if value and name not in {*CONTACT_FIELDS, "id_number", "csrfmiddlewaretoken", "contact_revealed"}}
    form = MemberForm(instance=member, user=user, reveal=True, initial=typed)
    return render(request, "members/form.html", {"form": form, "member": member})


@login_required
def member_delete(request: AuthenticatedHttpRequest, member_id: int) -> HttpResponse:
    member = get_member_for_user(request.user, member_id, write=True, request=request)
    if request.method == "POST":
        org_id = member.organization_id
        services.member_delete(member=member, by=request.user, request=request)
        messages.success(request, _("已删除党员“%(name)s”的档案") % {"name": member.name})
        return redirect(f"{reverse('members:list')}?org={org_id}")
    return render(request, "members/confirm_delete.html", {"member": member})
