"""Accounts: every user acts for one organization in one role."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COUNTY = "county", _("县评星办工作人员")
    STREET = "street", _("街道党工委工作人员")
    SECRETARY = "secretary", _("党组织书记")
    CLERK = "clerk", _("党组织工作人员")
    MEMBER = "member", _("党员")
    ADMIN = "admin", _("系统管理员")


STAFF_ROLES = frozenset({Role.COUNTY, Role.STREET, Role.ADMIN})


class User(AbstractUser):
    role = models.CharField(_("角色"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("所属组织"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="users",
    )
    member = models.OneToOneField(
        "members.Member", verbose_name=_("党员档案"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="user",
    )
    display_name = models.CharField(_("姓名"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self) -> str:
        return self.display_name or self.username

    @property
    def needs_two_factor(self) -> bool:
        """County and street staff (and administrators) must pass TOTP."""
        return self.role in STAFF_ROLES
