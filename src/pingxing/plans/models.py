"""领导小组与工作计划 (seed 五.1): the street's leading group (领导小组) with its office, each
organization's working group (工作小组), each organization's yearly star target (评星目标) and
its work plan (items with owners, dates and progress notes)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from encrypted_fields.fields import EncryptedCharField

from pingxing.members.models import mask_phone


class GroupKind(models.TextChoices):
    LEADING = "leading", _("领导小组")
    WORKING = "working", _("工作小组")


class Post(models.TextChoices):
    LEADER = "leader", _("组长")
    DEPUTY = "deputy", _("副组长")
    MEMBER = "member", _("成员")
    OFFICE_DIRECTOR = "office_director", _("办公室主任")
    LIAISON = "liaison", _("联络员")


class TargetState(models.TextChoices):
    DECLARED = "declared", _("已申报")
    CONFIRMED = "confirmed", _("已确认")


class ItemState(models.TextChoices):
    NOT_STARTED = "not_started", _("未开始")
    IN_PROGRESS = "in_progress", _("进行中")
    DONE = "done", _("已完成")


class Group(models.Model):
    """A street's 评星晋级 leading group (with its office) or an organization's working group, for a year."""

    organization = models.ForeignKey("orgs.Organization", verbose_name=_("组织"), on_delete=models.PROTECT,
                                     related_name="plan_groups")
    kind = models.CharField(_("类型"), max_length=10, choices=GroupKind.choices)
    year = models.PositiveIntegerField(_("年度"))
    name = models.CharField(_("名称"), max_length=100)
    office_place = models.CharField(_("办公室设在"), max_length=100, blank=True)
    office_contact = models.CharField(_("办公室联系人"), max_length=50, blank=True)
    office_phone = EncryptedCharField(_("办公室电话"), max_length=20, blank=True, null=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("领导（工作）小组")
        verbose_name_plural = _("领导（工作）小组")
        ordering = ["organization_id", "-year", "pk"]
        constraints = [models.UniqueConstraint(fields=["organization", "year", "kind"], name="one_plan_group")]

    def __str__(self) -> str:
        return self.name

    @property
    def office_phone_masked(self) -> str:
        return mask_phone(self.office_phone or "")


class GroupMember(models.Model):
    group = models.ForeignKey(Group, verbose_name=_("小组"), on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("姓名"), max_length=50)
    post = models.CharField(_("组内职务"), max_length=20, choices=Post.choices)
    unit = models.CharField(_("单位及职务"), max_length=100, blank=True)
    member = models.ForeignKey("members.Member", verbose_name=_("党员"), on_delete=models.SET_NULL, null=True,
                               blank=True, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("账号"), on_delete=models.SET_NULL,
                             null=True, blank=True, related_name="+")
    phone = EncryptedCharField(_("联系电话"), max_length=20, blank=True, null=True)

    class Meta:
        verbose_name = _("小组成员")
        verbose_name_plural = _("小组成员")
        ordering = ["group_id", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.phone or "")


class StarTarget(models.Model):
    """The star an organization aims at in a year: declared by it, agreed by the street."""

    organization = models.ForeignKey("orgs.Organization", verbose_name=_("组织"), on_delete=models.PROTECT,
                                     related_name="star_targets")
    year = models.PositiveIntegerField(_("年度"))
    star = models.PositiveSmallIntegerField(_("目标星级"))
    state = models.CharField(_("状态"), max_length=10, choices=TargetState.choices, default=TargetState.DECLARED)
    declared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    declared_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("评星目标")
        verbose_name_plural = _("评星目标")
        ordering = ["organization_id", "-year"]
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="one_star_target")]

    def __str__(self) -> str:
        return f"{self.year} {self.star}★"


class PlanItemQuerySet(models.QuerySet["PlanItem"]):
    def for_year(self, year: int) -> PlanItemQuerySet:
        return self.filter(year=year)


class PlanItem(models.Model):
    organization = models.ForeignKey("orgs.Organization", verbose_name=_("组织"), on_delete=models.PROTECT,
                                     related_name="plan_items")
    year = models.PositiveIntegerField(_("年度"))
    content = models.CharField(_("工作内容"), max_length=300)
    owner_name = models.CharField(_("责任人"), max_length=50)
    owner_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    due_on = models.DateField(_("完成时限"))
    state = models.CharField(_("进度"), max_length=12, choices=ItemState.choices, default=ItemState.NOT_STARTED)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PlanItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("工作计划事项")
        verbose_name_plural = _("工作计划事项")
        ordering = ["organization_id", "year", "due_on", "pk"]

    def __str__(self) -> str:
        return self.content


class ProgressNote(models.Model):
    item = models.ForeignKey(PlanItem, verbose_name=_("事项"), on_delete=models.CASCADE, related_name="notes")
    noted_on = models.DateField(_("日期"))
    text = models.CharField(_("进展情况"), max_length=500)
    evidence = models.FileField(_("佐证材料"), upload_to="plans/%Y/", blank=True)
    evidence_name = models.CharField(max_length=200, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                           related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("进展记录")
        verbose_name_plural = _("进展记录")
        ordering = ["item_id", "noted_on", "pk"]

    def __str__(self) -> str:
        return f"{self.noted_on}"
