"""Account administration pages (账号管理): list, export, create, detail, actions, bulk sheet.

Every page goes through `access` (404 outside the manager's reach); writes through `services`.
Temporary passwords and enrolment codes appear only in the response to the POST that made
them (never cached, never stored readable), on a printable sheet.
"""

from __future__ import annotations

import base64
import io
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from pingxing.accounts import access, importing, permissions, queries, services
from pingxing.accounts.forms import AccountFilterForm, AccountForm, RoleChangeForm, org_choices
from pingxing.accounts.models import User
from pingxing.accounts.services import Credentials
from pingxing.core.access import deny
from pingxing.core.audit import AuditAction, audit_record
from pingxing.core.excel import XLSX, Column, build_workbook, workbook_response
from pingxing.core.forms import add_service_errors
from pingxing.core.http import AuthenticatedHttpRequest, actor_of
from pingxing.core.imports import import_page

PAGE_SIZE = 50


def _filter(request: AuthenticatedHttpRequest) -> tuple[AccountFilterForm, queries.AccountFilter]:
    user = request.user
    form = AccountFilterForm(request.GET or None, roles=permissions.grantable_roles(actor_of(user)))
    data = form.cleaned_data if form.is_valid() else {}
    org = None
    if data.get("org"):
        org = queries.manageable_orgs(user).filter(pk=data["org"]).first()
        if org is None:
            deny(user, "orgs.organization", data["org"], request)
    return form, queries.AccountFilter(role=data.get("role") or "", organization=org,
                                       q=data.get("q") or "", active=data.get("active") or "")


@login_required
def account_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    access.require_account_manager(request.user, "list", request=request)
    form, flt = _filter(request)
    accounts = queries.filter_accounts(access.visible_accounts(request.user), flt)
    page = Paginator(accounts, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = queries.decorate(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form, "page": page, "flt": flt, "query": query,
        "orgs": form_org_choices(request.user),
        "can_bulk": permissions.can_bulk_create_accounts(actor_of(request.user)),
    }
    template = "accounts/admin/list.html#results" if request.htmx else "accounts/admin/list.html"
    return render(request, template, context)


def form_org_choices(user: Any) -> list[tuple[str, str]]:
    return org_choices(queries.manageable_orgs(user), blank=str(_("全部组织")))[1:]


EXPORT_COLUMNS = tuple(Column(h, text=True, width=w) for h, w in (
    ("用户名", 22), ("姓名", 12), ("角色", 18), ("组织代码", 14), ("所属组织", 26), ("状态", 8),
    ("最近登录", 18), ("登录锁定", 10), ("验证器", 14)))
TWO_FACTOR_LABELS = {"bound": gettext_lazy("已绑定"), "code": gettext_lazy("已签发绑定码"),
                     "none": gettext_lazy("未绑定"), "": gettext_lazy("不需要")}


@login_required
def account_export(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The filtered list as Excel (text cells; no password data exists to export). Audited."""
    access.require_account_manager(request.user, "export", request=request)
    _form, flt = _filter(request)
    rows = []
    for a in queries.decorate(queries.filter_accounts(access.visible_accounts(request.user), flt)):
        rows.append([
            a.username, a.display_name, a.get_role_display(), a.organization.code if a.organization else "",
            a.organization.name if a.organization else "", _("启用") if a.is_active else _("停用"),
            timezone.localtime(a.last_login).strftime("%Y-%m-%d %H:%M") if a.last_login else "",
            _("已锁定") if a.locked else "", str(TWO_FACTOR_LABELS[a.two_factor]),
        ])
    audit_record(action=AuditAction.EXPORT, user=request.user, object_type="accounts.user",
                 changes={"rows": [None, len(rows)]}, request=request)
    return workbook_response(build_workbook("账号", EXPORT_COLUMNS, rows),
                             f"账号列表-{timezone.localdate():%Y%m%d}.xlsx")


def credentials_page(request: AuthenticatedHttpRequest, credentials: list[Credentials], *,
                     title: str, back_url: str) -> HttpResponse:
    """The one-time sheet of temporary passwords and enrolment codes (printable; the XLSX is
    embedded in this very response, so nothing has to be kept to download it later)."""
    buffer = io.BytesIO()
    importing.credentials_workbook(credentials).save(buffer)
    response = render(request, "accounts/admin/credentials.html", {
        "credentials": credentials, "title": title, "back_url": back_url,
        "hours": services.ENROLMENT_CODE_HOURS,
        "xlsx_data": f"data:{XLSX};base64,{base64.b64encode(buffer.getvalue()).decode()}",
        "xlsx_name": f"账号初始密码-{timezone.localdate():%Y%m%d}.xlsx",
    })
    response["Cache-Control"] = "no-store"
    return response


@never_cache
@login_required
def account_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    access.require_account_manager(user, "new", request=request)
    actor = actor_of(user)
    data = request.POST if request.method == "POST" else request.GET
    org = access.get_grant_target_for_user(user, role=data.get("role"), org_id=data.get("organization"),
                                           request=request)
    initial = {k: data[k] for k in ("role", "organization", "member") if data.get(k)}
    form = AccountForm(request.POST or None, initial=initial, roles=permissions.grantable_roles(actor),
                       orgs=queries.manageable_orgs(user))
    if request.method == "POST" and form.is_valid():
        fields = form.cleaned_data
        member = queries.member_in_reach(user, fields["member"]) if fields.get("member") else None
        try:
            if fields.get("member") and member is None:
                raise ValidationError({"member": [_("没有编号为 %(id)s 的党员档案") % {"id": fields["member"]}]})
            credentials = services.user_onboard(
                username=fields["username"], display_name=fields["display_name"], role=fields["role"],
                organization=org, member=member, by=user, request=request)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return credentials_page(request, [credentials], title=_("账号已创建"),
                                    back_url=_detail_url(credentials.user))
    return render(request, "accounts/admin/form.html", {"form": form, "title": _("新建账号")})


def _detail_url(account: Any) -> str:
    return reverse("accounts:admin_detail", args=[account.pk])


@login_required
def account_detail(request: AuthenticatedHttpRequest, account_id: int) -> HttpResponse:
    account = access.get_account_for_user(request.user, account_id, request=request)
    account = queries.decorate([queries.with_state(User.objects.filter(pk=account.pk)).get()])[0]
    actor = actor_of(request.user)
    facts = access.facts_of(account)
    return render(request, "accounts/admin/detail.html", {
        "account": account,
        "two_factor_label": TWO_FACTOR_LABELS[account.two_factor],
        "can_change": permissions.can_change_account(actor, facts),
        "can_issue_code": services.enrolment_required(account) and not account.has_device,
    })


@login_required
def account_role(request: AuthenticatedHttpRequest, account_id: int) -> HttpResponse:
    """Change an account's role and/or organization."""
    user = request.user
    account = access.get_account_for_user(user, account_id, change=True, request=request)
    org = None
    if request.method == "POST":
        org = access.get_grant_target_for_user(user, role=request.POST.get("role"),
                                               org_id=request.POST.get("organization"), request=request)
    initial = {"role": account.role, "organization": account.organization_id or ""}
    form = RoleChangeForm(request.POST or None, initial=initial,
                          roles=permissions.grantable_roles(actor_of(user)), orgs=queries.manageable_orgs(user))
    if request.method == "POST" and form.is_valid():
        try:
            services.user_change_role(user=account, role=form.cleaned_data["role"], organization=org,
                                      by=user, request=request)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已变更账号“%(name)s”的角色或组织") % {"name": account.username})
            return redirect("accounts:admin_detail", account.pk)
    return render(request, "accounts/admin/form.html", {
        "form": form, "account": account, "title": _("变更角色或组织")})


# The actions of the detail page: (service, confirmation question, whether it changes the
# account's status (not allowed on one's own), success message or None for a credentials sheet).
ACTIONS: dict[str, tuple[Any, Any, bool, Any]] = {
    "deactivate": (services.user_deactivate, gettext_lazy("停用后该账号不能再登录，数据不会删除。确定停用吗？"),
                   True, gettext_lazy("账号已停用")),
    "reactivate": (services.user_reactivate, gettext_lazy("确定重新启用该账号吗？"), True,
                   gettext_lazy("账号已启用")),
    "reset-password": (services.user_password_reset,
                       gettext_lazy("将生成新的临时密码（仅显示一次），原密码立即失效，用户下次登录须修改密码。确定重置吗？"),
                       False, None),
    "unlock": (services.user_unlock, gettext_lazy("将清除该账号的登录失败记录，立即解除锁定。确定解除吗？"), False,
               gettext_lazy("已解除登录锁定")),
    "reset-2fa": (services.user_totp_reset,
                  gettext_lazy("将删除该账号已绑定的验证器，用户下次登录须重新绑定。确定重置吗？"), False, None),
    "issue-code": (services.enrolment_code_issue,
                   gettext_lazy("将签发新的验证器绑定码（仅显示一次），此前未使用的绑定码作废。确定签发吗？"), False, None),
}
ACTION_TITLES = {
    "deactivate": gettext_lazy("停用账号"), "reactivate": gettext_lazy("启用账号"),
    "reset-password": gettext_lazy("重置密码"), "unlock": gettext_lazy("解除登录锁定"),
    "reset-2fa": gettext_lazy("重置验证器"), "issue-code": gettext_lazy("签发验证器绑定码"),
}


@never_cache
@login_required
def account_action(request: AuthenticatedHttpRequest, account_id: int, action: str) -> HttpResponse:
    """GET asks for confirmation; POST does it (destructive actions are POST-only)."""
    if action not in ACTIONS:
        deny(request.user, "accounts.user", f"{account_id}:{action}"[:64], request)
    service, question, changes_status, done = ACTIONS[action]
    account = access.get_account_for_user(request.user, account_id, change=changes_status, request=request)
    title = ACTION_TITLES[action]
    if request.method == "POST":
        try:
            result = service(user=account, by=request.user, request=request)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return redirect("accounts:admin_detail", account.pk)
        if done is not None:
            messages.success(request, done)
            return redirect("accounts:admin_detail", account.pk)
        if not (result.password or result.enrolment_code):
            messages.success(request, _("已重置验证器，用户下次登录时重新绑定"))
            return redirect("accounts:admin_detail", account.pk)
        return credentials_page(request, [result], title=str(title), back_url=_detail_url(account))
    return render(request, "accounts/admin/confirm.html", {
        "account": account, "question": question, "title": title})


@login_required
def account_import(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Bulk creation from the sheet: all or nothing; the result is the sheet of passwords."""
    access.require_bulk_creator(request.user, request=request)

    def save(*, rows: list[dict[str, Any]], by: Any, request: Any) -> HttpResponse:
        created = services.users_bulk_create(rows=rows, by=by, request=request)
        return credentials_page(request, created, title=_("已批量创建 %(n)d 个账号") % {"n": len(created)},
                                back_url=reverse("accounts:admin_list"))

    streets = queries.streets_for_bulk(request.user)
    response = import_page(
        request, parse=importing.parse_accounts, save=save, done_message=_("已创建 %(n)d 个账号"),
        done_url="accounts:admin_list", template_url="accounts:admin_template", title=_("批量创建账号"),
        template="accounts/admin/import.html", extra_context={"streets": streets},
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
def account_template(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The bulk sheet, pre-filled for every community of a street (?street=ID, or the
    manager's own street)."""
    user = request.user
    access.require_bulk_creator(user, request=request)
    street_id = request.GET.get("street")
    if street_id:
        street = access.get_street_for_bulk(user, street_id, request=request)
    else:
        streets = list(queries.streets_for_bulk(user)[:2])
        street = streets[0] if len(streets) == 1 else None  # a street committee: its own street
    name = f"账号批量创建模板-{street.name}.xlsx" if street is not None else "账号批量创建模板.xlsx"
    return workbook_response(importing.template_workbook(street), name)
