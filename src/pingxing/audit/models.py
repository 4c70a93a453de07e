"""The audit trail (审计日志): append-only, each entry HMAC-chained to the one before."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    LOGIN = "login", _("登录")
    LOGOUT = "logout", _("退出")
    LOGIN_FAILED = "login_failed", _("登录失败")
    LOCKED_OUT = "locked_out", _("账号锁定")
    DENIED = "denied", _("越权访问被拒绝")
    CREATE = "create", _("新增")
    UPDATE = "update", _("修改")
    DELETE = "delete", _("删除")
    IMPORT = "import", _("导入")
    EXPORT = "export", _("导出")
    TWO_FACTOR = "two_factor", _("双因素认证")
    VIEW_SENSITIVE = "view_sensitive", _("查看敏感信息")


class AppendOnlyError(Exception):
    """Raised when code tries to change or remove an audit entry."""


# Entries are kept at least this long (网络安全法 第二十一条: logs ≥ six months).
RETENTION_DAYS = 180


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    """Bulk changes are refused like single ones: the trail only grows."""

    def update(self, **kwargs):  # noqa: ANN003, ANN201
        raise AppendOnlyError("audit entries cannot be changed")

    def delete(self):  # noqa: ANN201
        raise AppendOnlyError("audit entries cannot be deleted")

    def newest_first(self) -> AuditEntryQuerySet:
        return self.order_by("-seq")


class AuditEntry(models.Model):
    """One event. The database refuses UPDATE, and DELETE of entries younger than
    RETENTION_DAYS, by triggers (migration 0002); this class refuses both in Python."""

    seq = models.BigIntegerField(_("序号"), unique=True)
    created_at = models.DateTimeField(_("时间"), db_index=True)
    user = models.ForeignKey(
        "accounts.User", verbose_name=_("用户"), null=True, blank=True,
        on_delete=models.DO_NOTHING, db_constraint=False, related_name="+",
    )
    username = models.CharField(_("用户名"), max_length=150, blank=True)
    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("组织"), null=True, blank=True,
        on_delete=models.DO_NOTHING, db_constraint=False, related_name="+",
    )
    org_path = models.CharField(max_length=255, blank=True, db_index=True)
    action = models.CharField(_("操作"), max_length=16, choices=AuditAction.choices, db_index=True)
    object_type = models.CharField(_("对象类型"), max_length=64, blank=True)
    object_id = models.CharField(_("对象编号"), max_length=64, blank=True)
    object_repr = models.CharField(_("对象"), max_length=200, blank=True)
    changes = models.JSONField(_("变更内容"), default=dict, blank=True)
    ip_address = models.CharField(_("IP地址"), max_length=45, blank=True)
    prev_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("审计日志")
        verbose_name_plural = _("审计日志")
        ordering = ["-seq"]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):  # noqa: ANN002, ANN003
        if self.pk is not None:
            raise AppendOnlyError("audit entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):  # noqa: ANN002, ANN003
        raise AppendOnlyError("audit entries cannot be deleted")


class AuditHead(models.Model):
    """One row holding the newest seq and hash: makes a removed tail detectable
    and serializes appends (select_for_update on PostgreSQL)."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_seq = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)
    # HMAC over (last_seq, last_hash): rewinding the head to an earlier entry
    # after cutting the tail needs a MAC the database no longer holds.
    last_mac = models.CharField(max_length=64, blank=True, default="")

    def __str__(self) -> str:
        return f"head #{self.last_seq}"
