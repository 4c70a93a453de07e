"""Pioneer pledges (党员先锋承诺): a member's yearly sheet of pledges in the four areas, the
fulfilment records (践诺) with evidence, the mid-year check and the year-end evaluation.

Peer ratings are kept in aggregate only: the sheet holds the count and the sum of its peer
scores, and `PeerRated` (who has rated whom) says nothing of a score, so no row anywhere says who
gave which score.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PledgeArea(models.TextChoices):
    """The four areas of the seed (三.2.三)."""

    CONDUCT = "conduct", _("思想作风建设")
    WORK = "work", _("完成工作任务")
    SERVICE = "service", _("联系服务群众")
    INTEGRITY = "integrity", _("党风廉政建设")


class SheetState(models.TextChoices):
    DRAFT = "draft", _("填写中")
    SUBMITTED = "submitted", _("待审核")
    RETURNED = "returned", _("已退回")
    APPROVED = "approved", _("已审核")
    PUBLISHED = "published", _("已公开")


# The member edits their items only in these states (defined once; permissions import it).
EDITABLE_STATES = frozenset({SheetState.DRAFT, SheetState.RETURNED})


class CheckStatus(models.TextChoices):
    ON_TRACK = "on_track", _("进度正常")
    BEHIND = "behind", _("进度滞后")


class FulfilmentState(models.TextChoices):
    PENDING = "pending", _("待审核")
    APPROVED = "approved", _("已认定")
    RETURNED = "returned", _("已退回")


class PledgeSheetQuerySet(models.QuerySet["PledgeSheet"]):
    def for_year(self, year: int) -> PledgeSheetQuerySet:
        return self.filter(year=year)

    def published(self) -> PledgeSheetQuerySet:
        return self.filter(state=SheetState.PUBLISHED)


class PledgeSheet(models.Model):
    """One member's pledges of one year, reviewed and published by their organization."""

    member = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="pledge_sheets",
                               verbose_name=_("党员"))
    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="pledge_sheets",
                                     verbose_name=_("党组织"))
    year = models.PositiveIntegerField(_("年度"))
    state = models.CharField(_("状态"), max_length=12, choices=SheetState.choices, default=SheetState.DRAFT)
    return_reason = models.CharField(_("退回原因"), max_length=300, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    # Year end: the member's self-evaluation and the organization's evaluation (0–100).
    self_score = models.PositiveSmallIntegerField(_("自评分"), null=True, blank=True)
    self_text = models.TextField(_("自评"), blank=True)
    org_score = models.PositiveSmallIntegerField(_("组织评价分"), null=True, blank=True)
    org_note = models.CharField(_("组织评价意见"), max_length=300, blank=True)
    peer_count = models.PositiveIntegerField(default=0)
    peer_total = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PledgeSheetQuerySet.as_manager()

    class Meta:
        verbose_name = _("党员先锋承诺")
        ordering = ["organization_id", "member_id"]
        constraints = [models.UniqueConstraint(fields=["member", "year"], name="one_pledge_sheet_a_year")]

    def __str__(self) -> str:
        return f"{self.year}年度党员先锋承诺"

    @property
    def is_editable(self) -> bool:
        return self.state in EDITABLE_STATES


class PledgeItem(models.Model):
    """One concrete pledge: its area, text and due date; the organization's mid-year check."""

    sheet = models.ForeignKey(PledgeSheet, on_delete=models.CASCADE, related_name="items")
    area = models.CharField(_("承诺领域"), max_length=12, choices=PledgeArea.choices)
    text = models.CharField(_("承诺内容"), max_length=300)
    due_date = models.DateField(_("完成时限"))
    check_status = models.CharField(_("年中检查"), max_length=10, choices=CheckStatus.choices, blank=True)
    check_note = models.CharField(_("检查意见"), max_length=300, blank=True)

    class Meta:
        ordering = ["sheet_id", "area", "due_date", "pk"]
        verbose_name = _("承诺事项")
        verbose_name_plural = _("承诺事项")

    def __str__(self) -> str:
        return self.text


class Fulfilment(models.Model):
    """A 践诺 record: what the member did for a pledge, with an optional photo or PDF."""

    item = models.ForeignKey(PledgeItem, on_delete=models.CASCADE, related_name="fulfilments")
    done_on = models.DateField(_("践诺日期"))
    text = models.CharField(_("践诺情况"), max_length=500)
    evidence = models.FileField(_("证明材料"), upload_to="pledges/%Y/", blank=True)
    original_name = models.CharField(max_length=200, blank=True)
    state = models.CharField(_("状态"), max_length=10, choices=FulfilmentState.choices,
                             default=FulfilmentState.PENDING)
    review_note = models.CharField(_("审核意见"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["item_id", "done_on", "pk"]
        verbose_name = _("践诺记录")
        verbose_name_plural = _("践诺记录")

    def __str__(self) -> str:
        return self.text


class PeerRated(models.Model):
    """That a member has rated a sheet (one rating each), kept apart from the scores."""

    sheet = models.ForeignKey(PledgeSheet, on_delete=models.CASCADE, related_name="+")
    rater = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["sheet", "rater"], name="one_peer_rating_each")]
        verbose_name = _("互评记录")
        verbose_name_plural = _("互评记录")

    def __str__(self) -> str:
        return f"peer rating of sheet {self.sheet_id}"
