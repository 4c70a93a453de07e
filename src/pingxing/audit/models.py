"""The audit trail (审计日志): append-only, each entry HMAC-chained to the one before."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    """Raised when code tries to change or remove an audit entry."""


# Entries are kept at least this long (网络安全法 第二十一条: logs ≥ six months).
RETENTION_DAYS = 180


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    """Bulk changes are refused like single ones: the trail only grows."""

    def update(self, **kwargs):
        raise AppendOnlyError("audit entries cannot be changed")

    def delete(self):
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
    # Kinds of event are registered by the apps (core.audit.AuditAction and register_actions).
    action = models.CharField(_("操作"), max_length=16, db_index=True)
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

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("audit entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise AppendOnlyError("audit entries cannot be deleted")

    @property
    def action_label(self) -> str:
        from pingxing.core.audit import action_label

        return action_label(self.action)


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
