"""党员志愿者 (volunteers, seed 四.5): teams of Party-member volunteers, their activities,
sign-ups, and the hours ledger (append-only: a correction is a new, negative entry)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Specialty(models.TextChoices):
    """What a team does (the one list)."""

    CARE = "care", _("关爱帮扶")
    CIVILITY = "civility", _("文明劝导")
    ENVIRONMENT = "environment", _("环境整治")
    PATROL = "patrol", _("治安巡逻")
    CULTURE = "culture", _("文化宣传")
    LEGAL = "legal", _("法律咨询")
    HEALTH = "health", _("医疗健康")
    OTHER = "other", _("其他")


HOURS_FIELD: dict[str, Any] = {"max_digits": 5, "decimal_places": 1}


class Team(models.Model):
    organization = models.ForeignKey("orgs.Organization", verbose_name=_("所属组织"), on_delete=models.PROTECT,
                                     related_name="volunteer_teams")
    name = models.CharField(_("队伍名称"), max_length=100)
    specialty = models.CharField(_("服务类别"), max_length=20, choices=Specialty.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("志愿服务队")
        verbose_name_plural = _("志愿服务队")
        ordering = ["organization_id", "name", "pk"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    team = models.ForeignKey(Team, verbose_name=_("服务队"), on_delete=models.CASCADE, related_name="memberships")
    member = models.ForeignKey("members.Member", verbose_name=_("党员"), on_delete=models.PROTECT,
                               related_name="volunteer_memberships")
    joined_on = models.DateField(_("加入日期"))
    active = models.BooleanField(_("在队"), default=True)

    class Meta:
        verbose_name = _("队员")
        verbose_name_plural = _("队员")
        constraints = [models.UniqueConstraint(fields=["team", "member"], name="one_membership_per_team")]

    def __str__(self) -> str:
        return f"{self.member_id}@{self.team_id}"


class Activity(models.Model):
    organization = models.ForeignKey("orgs.Organization", verbose_name=_("主办组织"), on_delete=models.PROTECT,
                                     related_name="volunteer_activities")
    team = models.ForeignKey(Team, verbose_name=_("服务队"), on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="activities")
    title = models.CharField(_("活动名称"), max_length=100)
    date = models.DateField(_("日期"))
    planned_hours = models.DecimalField(_("计划时长"), **HOURS_FIELD)
    place = models.CharField(_("地点"), max_length=100, blank=True)
    capacity = models.PositiveIntegerField(_("人数上限"))
    signup_open = models.BooleanField(_("开放报名"), default=True)
    organizer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("组织者"), on_delete=models.PROTECT,
                                  related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("志愿服务活动")
        verbose_name_plural = _("志愿服务活动")
        ordering = ["-date", "pk"]

    def __str__(self) -> str:
        return f"{self.title} {self.date:%Y-%m-%d}"


class SignUp(models.Model):
    activity = models.ForeignKey(Activity, verbose_name=_("活动"), on_delete=models.CASCADE, related_name="signups")
    member = models.ForeignKey("members.Member", verbose_name=_("党员"), on_delete=models.PROTECT,
                               related_name="volunteer_signups")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("报名")
        verbose_name_plural = _("报名")
        ordering = ["activity_id", "pk"]
        constraints = [models.UniqueConstraint(fields=["activity", "member"], name="one_signup_per_activity")]

    def __str__(self) -> str:
        return f"{self.member_id}@{self.activity_id}"


class HoursEntry(models.Model):
    """One line of the hours ledger, written only by hours_confirm / hours_correct; never edited."""

    member = models.ForeignKey("members.Member", verbose_name=_("党员"), on_delete=models.PROTECT,
                               related_name="volunteer_hours")
    activity = models.ForeignKey(Activity, verbose_name=_("活动"), on_delete=models.PROTECT, related_name="hours")
    hours = models.DecimalField(_("时长"), **HOURS_FIELD)
    reason = models.CharField(_("更正理由"), max_length=200, blank=True)
    corrects = models.ForeignKey("self", verbose_name=_("更正的记录"), on_delete=models.PROTECT, null=True,
                                 blank=True, related_name="corrections")
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    confirmed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("志愿服务时长")
        verbose_name_plural = _("志愿服务时长")
        ordering = ["activity__date", "pk"]

    def __str__(self) -> str:
        return f"{self.member_id} {self.hours}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("HoursEntry is append-only")
        super().save(*args, **kwargs)
