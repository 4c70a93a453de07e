"""The navigation a user sees matches their role."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pingxing.core import scope


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = [(_("首页"), reverse("core:home"))]
    if user.role in scope.SUBTREE_ROLES or user.role == scope.ADMIN:
        items.append((_("组织架构"), reverse("orgs:tree")))
        items.append((_("党员管理"), reverse("members:list")))
        items.append((_("评星晋级"), reverse("ratings:campaigns")))
    if user.role in (scope.COUNTY, scope.STREET, scope.ADMIN):
        items.append((_("目标看板"), reverse("ratings:dashboard")))
    if user.role in (scope.COUNTY, scope.STREET):
        items.append((_("结果运用"), reverse("ratings:policy")))
    if user.role == scope.MEMBER and user.member_id:
        items.append((_("我的档案"), reverse("members:detail", args=[user.member_id])))
    if user.role in scope.SUBTREE_ROLES and user.organization_id:
        items.append((_("本组织"), reverse("orgs:detail", args=[user.organization_id])))
    items.append((_("公示"), reverse("public:notice")))
    if scope.can_read_audit(user.role):
        items.append((_("审计日志"), reverse("audit:list")))
    return {"nav_items": items}
