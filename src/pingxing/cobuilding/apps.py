from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CobuildingConfig(AppConfig):
    name = "pingxing.cobuilding"
    verbose_name = _("结对共建")
