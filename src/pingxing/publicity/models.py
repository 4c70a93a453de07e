"""宣传与先进典型 (publicity): articles on the campaign's progress, good practice and model
members and organizations, with their photos and the steps of their review."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pingxing.publicity.rules import Kind, State

KIND_LABELS = {Kind.PROGRESS: _("工作动态"), Kind.PRACTICE: _("经验做法"), Kind.MODEL: _("先进典型")}
KIND_CHOICES = [(k.value, KIND_LABELS[k]) for k in Kind]
STATE_LABELS = {State.DRAFT: _("草稿"), State.SUBMITTED: _("待审核"), State.PUBLISHED: _("已发布"),
                State.RETURNED: _("退回修改"), State.WITHDRAWN: _("已撤下")}
STATE_CHOICES = [(s.value, STATE_LABELS[s]) for s in State]


class ArticleQuerySet(models.QuerySet["Article"]):
    def within(self, path: str) -> ArticleQuerySet:
        return self.filter(organization__path__startswith=path)

    def published(self) -> ArticleQuerySet:
        return self.filter(state=State.PUBLISHED)


class Article(models.Model):
    """One report: written by an organization's staff, reviewed by the office above, then public."""

    organization = models.ForeignKey("orgs.Organization", verbose_name=_("发布组织"), on_delete=models.PROTECT,
                                     related_name="articles")
    kind = models.CharField(_("类别"), max_length=12, choices=KIND_CHOICES)
    title = models.CharField(_("标题"), max_length=100)
    body = models.TextField(_("正文"))
    year = models.PositiveSmallIntegerField(_("年度"))
    state = models.CharField(_("状态"), max_length=12, choices=STATE_CHOICES, default=State.DRAFT)
    # 先进典型: the model member or organization the article is about (optional).
    subject_member = models.ForeignKey("members.Member", verbose_name=_("典型党员"), on_delete=models.PROTECT,
                                       null=True, blank=True, related_name="+")
    subject_org = models.ForeignKey("orgs.Organization", verbose_name=_("典型组织"), on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    return_reason = models.TextField(_("退回理由"), blank=True)
    withdraw_reason = models.TextField(_("撤下理由"), blank=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("宣传报道")
        verbose_name_plural = _("宣传报道")
        ordering = ["-published_at", "-updated_at", "-pk"]
        indexes = [models.Index(fields=["state", "year"], name="publicity_state_year")]

    def __str__(self) -> str:
        return self.title

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS[Kind(self.kind)])

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS[State(self.state)])


class ArticlePhoto(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(upload_to="publicity/%Y/")
    original_name = models.CharField(max_length=200)
    caption = models.CharField(_("说明"), max_length=100, blank=True)
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("报道照片")
        verbose_name_plural = _("报道照片")

    def __str__(self) -> str:
        return self.caption or self.original_name


class ArticleStep(models.Model):
    """A step of an article's review: who moved it from where to where, when and why."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="steps")
    from_state = models.CharField(max_length=12, choices=STATE_CHOICES, blank=True)
    to_state = models.CharField(max_length=12, choices=STATE_CHOICES)
    action = models.CharField(max_length=16)
    reason = models.TextField(blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("报道审核步骤")
        verbose_name_plural = _("报道审核步骤")
        ordering = ["article", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.action}: {self.from_state} → {self.to_state}"
