"""Accounts: every user acts for one organization in one role (roles: `accounts.roles`)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pingxing.accounts.roles import TWO_FACTOR_ROLES, Role

ROLE_LABELS = {
    Role.COUNTY: _("县评星办工作人员"),
    Role.STREET: _("街道党工委工作人员"),
    Role.SECRETARY: _("党组织书记"),
    Role.CLERK: _("党组织工作人员"),
    Role.MEMBER: _("党员"),
    Role.ADMIN: _("系统管理员"),
}
ROLE_CHOICES = [(role.value, ROLE_LABELS[role]) for role in Role]


class User(AbstractUser):
    role = models.CharField(_("角色"), max_length=16, choices=ROLE_CHOICES, default=Role.MEMBER.value)
    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("所属组织"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="users",
    )
    member = models.OneToOneField(
        "members.Member", verbose_name=_("党员档案"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="user",
    )
    display_name = models.CharField(_("姓名"), max_length=50, blank=True)
    # Set when an account manager gives a temporary password; cleared when the user sets their own.
    must_change_password = models.BooleanField(_("须修改密码"), default=False)

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self) -> str:
        return self.display_name or self.username

    @property
    def needs_two_factor(self) -> bool:
        """County and street staff (and administrators) must pass TOTP."""
        return self.role in TWO_FACTOR_ROLES


class EnrolmentCodeQuerySet(models.QuerySet["EnrolmentCode"]):
    def usable(self) -> EnrolmentCodeQuerySet:
        """Neither used nor expired."""
        return self.filter(used_at__isnull=True, expires_at__gt=timezone.now())


class EnrolmentCode(models.Model):
    """A one-time code an account manager issues so a staff user can bind their first
    authenticator: the password alone never suffices. Only its hash is stored."""

    user = models.ForeignKey(User, verbose_name=_("用户"), on_delete=models.CASCADE,
                             related_name="enrolment_codes")
    code_hash = models.CharField(max_length=128)
    issued_by = models.ForeignKey(User, verbose_name=_("签发人"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    issued_at = models.DateTimeField(_("签发时间"), default=timezone.now)
    expires_at = models.DateTimeField(_("有效期至"))
    used_at = models.DateTimeField(_("使用时间"), null=True, blank=True)

    objects = EnrolmentCodeQuerySet.as_manager()

    class Meta:
        verbose_name = _("验证器绑定码")
        verbose_name_plural = _("验证器绑定码")
        ordering = ["-issued_at"]

    def __str__(self) -> str:
        return str(_("%(user)s 的绑定码") % {"user": self.user})
