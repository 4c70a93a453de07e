"""The points ledger (亮分制): append-only entries per member per year, appeals, exemptions,
and each organization's one display setting."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LedgerAppendOnly(Exception):
    """Raised when code tries to change or remove a points entry: a correction is a new entry."""


class PointEntryQuerySet(models.QuerySet["PointEntry"]):
    """Bulk changes are refused like single ones: the ledger only grows."""

    def update(self, **kwargs: Any) -> int:
        raise LedgerAppendOnly("points entries cannot be changed")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise LedgerAppendOnly("points entries cannot be deleted")

    def for_year(self, year: int) -> PointEntryQuerySet:
        return self.filter(year=year)

    def within(self, path: str) -> PointEntryQuerySet:
        return self.filter(organization__path__startswith=path)


class PointEntry(models.Model):
    """One recorded item: signed points, citing the item of the table and who recorded it.
    A reversal (an upheld appeal) is a new entry that cites the entry it reverses."""

    member = models.ForeignKey("members.Member", verbose_name=_("党员"), on_delete=models.PROTECT,
                               related_name="point_entries")
    # The member's organization when recorded: statements group by it without a join.
    organization = models.ForeignKey("orgs.Organization", verbose_name=_("党组织"), on_delete=models.PROTECT,
                                     related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))  # the year of occurred_on
    occurred_on = models.DateField(_("发生日期"))
    table_id = models.CharField(max_length=32)
    table_version = models.PositiveSmallIntegerField()
    item_code = models.CharField(_("项目编号"), max_length=16)
    item_name = models.CharField(_("积分项目"), max_length=100)
    points = models.SmallIntegerField(_("分值"))
    evidence = models.FileField(_("证明材料"), upload_to="points/%Y/", blank=True)
    evidence_name = models.CharField(max_length=200, blank=True)
    note = models.CharField(_("说明"), max_length=200, blank=True)
    # the record this entry was fed from, as its evidence ("volunteers.hours:12"); "" = entered here
    source = models.CharField(_("来源记录"), max_length=60, blank=True, default="")
    reverses = models.OneToOneField("self", verbose_name=_("冲正的记录"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="reversed_by")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("记录人"), null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(_("记录时间"))

    objects = PointEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("积分记录")
        verbose_name_plural = _("积分记录")
        ordering = ["-recorded_at", "-id"]
        indexes = [models.Index(fields=["organization", "year"]), models.Index(fields=["member", "year"])]
        constraints = [models.UniqueConstraint(fields=["source"], condition=~models.Q(source=""),
                                               name="points_entry_fed_once")]

    def __str__(self) -> str:
        return f"{self.item_name} {self.points:+d}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise LedgerAppendOnly("points entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise LedgerAppendOnly("points entries cannot be deleted")

    @property
    def is_deduction(self) -> bool:
        return self.points < 0 and self.reverses_id is None


class AppealState(models.TextChoices):
    PENDING = "pending", _("待支委会决定")
    UPHELD = "upheld", _("申诉成立，已冲正")
    REJECTED = "rejected", _("申诉不成立")


class Appeal(models.Model):
    """A member's appeal against one deduction, decided by the branch committee."""

    entry = models.OneToOneField(PointEntry, verbose_name=_("扣分记录"), on_delete=models.PROTECT,
                                 related_name="appeal")
    reason = models.CharField(_("申诉理由"), max_length=500)
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    filed_at = models.DateTimeField(_("申诉时间"))
    state = models.CharField(_("状态"), max_length=16, choices=AppealState.choices, default=AppealState.PENDING)
    decision = models.CharField(_("决定理由"), max_length=500, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("积分申诉")
        verbose_name_plural = _("积分申诉")
        ordering = ["-filed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.entry_id}: {self.get_state_display()}"


class ExemptionReason(models.TextChoices):
    AGE = "age", _("年老")
    ILL = "ill", _("患病")
    MOBILE = "mobile", _("流动党员")


class Exemption(models.Model):
    """A member exempt from the points of one year (no deductions are recorded for them)."""

    member = models.ForeignKey("members.Member", verbose_name=_("党员"), on_delete=models.PROTECT,
                               related_name="point_exemptions")
    year = models.PositiveSmallIntegerField(_("年度"))
    reason = models.CharField(_("免于积分原因"), max_length=16, choices=ExemptionReason.choices)
    note = models.CharField(_("说明"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        verbose_name = _("免于积分")
        verbose_name_plural = _("免于积分")
        constraints = [models.UniqueConstraint(fields=["member", "year"], name="points_exemption_once_a_year")]

    def __str__(self) -> str:
        return f"{self.year} {self.get_reason_display()}"


class PointsSetting(models.Model):
    """An organization's choice to show a ranking to its own members (default: no ranking)."""

    organization = models.OneToOneField("orgs.Organization", on_delete=models.CASCADE, related_name="points_setting")
    ranking_visible = models.BooleanField(_("在本组织内显示积分排名"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("积分排名设置")
        verbose_name_plural = _("积分排名设置")

    def __str__(self) -> str:
        return f"{self.organization_id}: {self.ranking_visible}"
