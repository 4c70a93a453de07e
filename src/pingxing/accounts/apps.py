from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "pingxing.accounts"
    verbose_name = _("账号与权限")

    def ready(self) -> None:
        # Login, logout and failed logins are written to the audit trail.
        from pingxing.accounts import auth_events  # noqa: F401
