"""Pioneer posts (党员先锋岗、党员示范岗、党员责任区, seed 三.2.二): a member's post at their workplace
or in an area, the themed drives (主题创建活动: 克难攻坚当先锋、诚信服务先锋) posts take part in, and
the yearly review that keeps, commends or withdraws a post.

A post's public card is reached by a random token, never by its primary key, so the cards of an
organization cannot be walked through.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PostKind(models.TextChoices):
    PIONEER_POST = "pioneer_post", _("党员先锋岗")
    MODEL_POST = "model_post", _("党员示范岗")
    RESPONSIBILITY_ZONE = "responsibility_zone", _("党员责任区")


class PostState(models.TextChoices):
    ACTIVE = "active", _("在岗")
    WITHDRAWN = "withdrawn", _("已撤销")
    ENDED = "ended", _("已结束")


class ReviewOutcome(models.TextChoices):
    KEPT = "kept", _("保留")
    COMMENDED = "commended", _("表彰")
    WITHDRAWN = "withdrawn", _("撤销")


# Outcomes that must say why (defined once; permissions and forms import it).
REASONED_OUTCOMES: frozenset[str] = frozenset({"withdrawn", "commended"})  # = ReviewOutcome values


def new_token() -> str:
    """The public card's address: 128 random bits, URL-safe."""
    return secrets.token_urlsafe(16)


class PioneerPostQuerySet(models.QuerySet["PioneerPost"]):
    def active(self) -> PioneerPostQuerySet:
        return self.filter(state=PostState.ACTIVE)

    def of_kind(self, kind: str) -> PioneerPostQuerySet:
        return self.filter(kind=kind)


class PioneerPost(models.Model):
    """One post, held by one member of the organization."""

    kind = models.CharField(_("类型"), max_length=24, choices=PostKind.choices)
    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="pioneer_posts",
                                     verbose_name=_("党组织"))
    holder = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="pioneer_posts",
                               verbose_name=_("持岗党员"))
    name = models.CharField(_("岗位名称"), max_length=100)
    place = models.CharField(_("岗位（区域）"), max_length=200)
    duties = models.TextField(_("岗位职责"))
    starts_on = models.DateField(_("设岗日期"))
    ends_on = models.DateField(_("结束日期"), null=True, blank=True)
    state = models.CharField(_("状态"), max_length=12, choices=PostState.choices, default=PostState.ACTIVE)
    token = models.CharField(max_length=32, unique=True, default=new_token, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PioneerPostQuerySet.as_manager()

    class Meta:
        verbose_name = _("党员先锋岗")
        verbose_name_plural = _("党员先锋岗")
        ordering = ["organization_id", "kind", "name", "pk"]
        indexes = [models.Index(fields=["organization", "state"], name="post_org_state")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.state == PostState.ACTIVE


class Drive(models.Model):
    """A themed drive (主题创建活动) of a street (street-wide) or of one organization; posts of its
    subtree are tagged with it."""

    name = models.CharField(_("活动名称"), max_length=100)
    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="post_drives",
                                     verbose_name=_("发起组织"))
    year = models.PositiveIntegerField(_("年度"))
    description = models.TextField(_("活动说明"), blank=True)
    posts = models.ManyToManyField(PioneerPost, related_name="drives", blank=True, verbose_name=_("参加岗位"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("主题创建活动")
        verbose_name_plural = _("主题创建活动")
        ordering = ["-year", "name", "pk"]
        constraints = [models.UniqueConstraint(fields=["organization", "year", "name"], name="one_drive_name_a_year")]

    def __str__(self) -> str:
        return self.name


class PostReview(models.Model):
    """The yearly review of a post: kept, commended or withdrawn (one a year)."""

    post = models.ForeignKey(PioneerPost, on_delete=models.CASCADE, related_name="reviews")
    year = models.PositiveIntegerField(_("年度"))
    outcome = models.CharField(_("评议结果"), max_length=12, choices=ReviewOutcome.choices)
    reason = models.CharField(_("理由"), max_length=300, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    reviewed_on = models.DateField(_("评议日期"))

    class Meta:
        verbose_name = _("岗位年度评议")
        verbose_name_plural = _("岗位年度评议")
        ordering = ["post_id", "-year"]
        constraints = [models.UniqueConstraint(fields=["post", "year"], name="one_post_review_a_year")]

    def __str__(self) -> str:
        return f"{self.year} {self.get_outcome_display()}"
