"""The 五亮 publications of an organization: each one a versioned snapshot of what was made
public (standards, procedure, results, commendations), so that a later change to the roll,
the grades or the rules never rewrites what the public was shown."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["Disclosure"]


class Disclosure(models.Model):
    """One publication of the 五亮 page of an organization (version 1, 2, … per organization)."""

    organization = models.ForeignKey("orgs.Organization", on_delete=models.CASCADE, related_name="disclosures",
                                     verbose_name=_("党组织"))
    evaluation = models.ForeignKey("evaluations.Evaluation", on_delete=models.CASCADE, related_name="disclosures",
                                   verbose_name=_("民主评议"))
    version = models.PositiveIntegerField(_("版本"))
    content = models.JSONField(_("公开内容"))
    published_at = models.DateTimeField(_("公开时间"))
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")

    class Meta:
        verbose_name = _("五亮公开")
        verbose_name_plural = _("五亮公开")
        ordering = ["organization", "-version"]
        constraints = [models.UniqueConstraint(fields=["organization", "version"], name="one_disclosure_version")]

    def __str__(self) -> str:
        return f"{self.organization} 五亮公开 v{self.version}"
