from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "pingxing.audit"
    verbose_name = _("审计日志")

    def ready(self) -> None:
        from django.urls import reverse

        from pingxing.audit import permissions
        from pingxing.audit.services import write_entry
        from pingxing.core import audit, nav

        audit.register_writer(write_entry)
        nav.add_menu(nav.MenuEntry("audit.list", _("审计日志"), order=90,
                                   url=lambda user: reverse("audit:list"), visible=permissions.can_read_audit))
