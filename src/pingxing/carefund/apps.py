from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CarefundConfig(AppConfig):
    name = "pingxing.carefund"
    verbose_name = _("党内关爱基金")
