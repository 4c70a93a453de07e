from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicityConfig(AppConfig):
    name = "pingxing.publicity"
    verbose_name = _("宣传与先进典型")
