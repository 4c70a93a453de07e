"""Forms of the accounts pages."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    """Django's login form with labels and autocomplete hints for phones."""

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("用户名")
        self.fields["password"].label = _("密码")
        self.fields["username"].widget.attrs.update({"autocapitalize": "none", "autocomplete": "username"})
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})


class TotpCodeForm(forms.Form):
    code = forms.RegexField(
        label=_("动态验证码"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": _("请输入验证器应用显示的6位数字。")},
        widget=forms.TextInput(attrs={
            "inputmode": "numeric", "autocomplete": "one-time-code", "maxlength": "6",
            "pattern": "[0-9]{6}", "autofocus": True,
        }),
    )

    def clean_code(self) -> str:
        return self.cleaned_data["code"].strip()
