from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "pingxing.plans"
    verbose_name = _("领导小组与工作计划")
