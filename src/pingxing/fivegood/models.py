"""五好党组织 (fivegood): the yearly assessment, one case per organization, the results."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pingxing.fivegood.workflow import CaseState


class Assessment(models.Model):
    """The county's yearly 五好 assessment, against one standard (id + version)."""

    year = models.PositiveIntegerField(_("年度"), unique=True)
    standard_id = models.CharField(_("标准"), max_length=100)
    standard_version = models.CharField(_("标准版本"), max_length=40)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    opened_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("五好党组织考评")
        verbose_name_plural = _("五好党组织考评")
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year} 五好党组织考评"


class CaseQuerySet(models.QuerySet["Case"]):
    def for_year(self, year: int) -> CaseQuerySet:
        return self.filter(assessment__year=year)

    def within(self, path: str) -> CaseQuerySet:
        return self.filter(organization__path__startswith=path)

    def published(self) -> CaseQuerySet:
        return self.filter(state=CaseState.PUBLISHED)


class Case(models.Model):
    """One organization's assessment of one year: its own facts, the street's corrections."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="cases")
    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="fivegood_cases")
    state = models.CharField(_("状态"), max_length=20, default=CaseState.DRAFT.value,
                             choices=[(s.value, s.label) for s in CaseState])
    facts = models.JSONField(_("自评事实"), default=dict, blank=True)
    assessed_facts = models.JSONField(_("街道评定事实"), null=True, blank=True)
    correction_reason = models.TextField(_("更正理由"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("五好党组织考评对象")
        verbose_name_plural = _("五好党组织考评对象")
        constraints = [models.UniqueConstraint(fields=["assessment", "organization"], name="fivegood_case_unique")]
        ordering = ["organization__path"]

    def __str__(self) -> str:
        return f"{self.assessment.year} {self.organization}"

    @property
    def final_facts(self) -> dict[str, object]:
        """The facts the result is judged on: the street's when it assessed, else the organization's."""
        return dict(self.assessed_facts if self.assessed_facts is not None else self.facts)


class Transition(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField(_("原状态"), max_length=20)
    to_state = models.CharField(_("新状态"), max_length=20)
    action = models.CharField(_("操作"), max_length=20)
    reason = models.TextField(_("理由"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("五好党组织考评办理记录")
        verbose_name_plural = _("五好党组织考评办理记录")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.action}: {self.from_state} → {self.to_state}"


class FiveGoodResult(models.Model):
    """The engine's verdict on an organization for a year (达到五好 or not), with its reasons."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="result")
    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="fivegood_results")
    year = models.PositiveIntegerField(_("年度"))
    standard_id = models.CharField(_("标准"), max_length=100)
    standard_version = models.CharField(_("标准版本"), max_length=40)
    passed = models.BooleanField(_("达到五好"))
    explanation = models.JSONField(_("评定说明"), default=dict)
    decided_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("五好党组织考评结果")
        verbose_name_plural = _("五好党组织考评结果")
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="fivegood_result_unique")]
        ordering = ["organization__path"]

    def __str__(self) -> str:
        return f"{self.year} {self.organization_id} {'五好' if self.passed else '未达到五好'}"
