"""Analysis meetings (研判) of hot and difficult issues: each grid team weekly, each Party
organization fortnightly, the street monthly. A meeting is due for a period; its agenda is
generated from the cases of the period, its record holds attendees, conclusions and decisions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["Meeting", "MeetingDecision", "MeetingLevel", "DecisionKind"]


class MeetingLevel(models.TextChoices):
    TEAM = "team", _("网格组团（每周）")
    ORGANIZATION = "organization", _("社区党组织（每两周）")
    STREET = "street", _("街道（每月）")


class Meeting(models.Model):
    level = models.CharField(_("层级"), max_length=12, choices=MeetingLevel.choices)
    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="grid_meetings",
                                     verbose_name=_("党组织或街道"))
    grid = models.ForeignKey("grid.Grid", null=True, blank=True, on_delete=models.PROTECT, related_name="meetings",
                             verbose_name=_("网格"))
    period_start = models.DateField(_("研判期起"))
    period_end = models.DateField(_("研判期止"))
    held_on = models.DateField(_("召开日期"))
    place = models.CharField(_("地点"), max_length=100, blank=True)
    attendees = models.TextField(_("参加人员"))
    agenda = models.JSONField(default=dict, editable=False)  # the generated agenda as it was at the meeting
    conclusions = models.TextField(_("研判结论"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("研判会议")
        verbose_name_plural = _("研判会议")
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["level", "grid", "period_start"], condition=models.Q(grid__isnull=False),
                                    name="one_team_meeting_a_period"),
            models.UniqueConstraint(fields=["level", "organization", "period_start"],
                                    condition=models.Q(grid__isnull=True), name="one_meeting_a_period"),
        ]

    def __str__(self) -> str:
        return f"{self.get_level_display()} {self.period_start}"


class DecisionKind(models.TextChoices):
    ESCALATE = "escalate", _("提级督办")
    ASSIGN = "assign", _("指定承办")
    MERGE = "merge", _("合并案件")
    NOTE = "note", _("其他决定")


class MeetingDecision(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    kind = models.CharField(_("决定类型"), max_length=10, choices=DecisionKind.choices)
    text = models.TextField(_("决定内容"))
    cases = models.ManyToManyField("grid.ServiceCase", blank=True, related_name="meeting_decisions")

    class Meta:
        verbose_name = _("研判决定")
        verbose_name_plural = _("研判决定")

    def __str__(self) -> str:
        return self.get_kind_display()
