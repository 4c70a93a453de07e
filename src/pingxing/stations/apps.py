from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StationsConfig(AppConfig):
    name = "pingxing.stations"
    verbose_name = _("党员服务中心(站)")
