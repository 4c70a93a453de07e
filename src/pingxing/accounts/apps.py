from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "pingxing.accounts"
    verbose_name = _("账号与权限")

    def ready(self) -> None:
        from django.urls import reverse

        from pingxing.accounts import (
            auth_events,  # noqa: F401 - login, logout and failed logins go to the audit trail
            permissions,
        )
        from pingxing.accounts.services import ACTION_LABELS
        from pingxing.core import audit, nav

        audit.register_actions(ACTION_LABELS)
        nav.add_menu(nav.MenuEntry("accounts.admin", _("账号管理"), order=85,
                                   url=lambda user: reverse("accounts:admin_list"),
                                   visible=permissions.can_manage_accounts))
