from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "pingxing.core"
    verbose_name = _("公共")

    def ready(self) -> None:
        from django.urls import reverse

        import pingxing.core.checks  # noqa: F401  (registers the deploy checks)
        from pingxing.core import nav

        nav.add_menu(nav.MenuEntry("core.home", _("首页"), order=0, url=lambda user: reverse("core:home")))
