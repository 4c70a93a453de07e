"""Forms of the accounts pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from pingxing.accounts.models import ROLE_LABELS
from pingxing.accounts.roles import Role


class LoginForm(AuthenticationForm):
    """Django's login form with labels and autocomplete hints for phones."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("用户名")
        self.fields["password"].label = _("密码")
        self.fields["username"].widget.attrs.update({"autocapitalize": "none", "autocomplete": "username"})
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})

    def clean(self) -> dict[str, Any]:
        from pingxing.accounts.throttle import username_retry_at

        username = (self.cleaned_data.get("username") or "").strip()
        when = username_retry_at(username) if username else None
        if when is not None:
            # Not even a right password is tried: the delay holds for every address.
            raise ValidationError(
                gettext("该账号近期在多个地址登录失败次数过多，为防止密码被猜中，请于%(time)s之后再试。"
                        "如非本人操作，请尽快联系所在街道党工委或县评星办。")
                % {"time": formats.time_format(timezone.localtime(when), "H:i:s")},
                code="username_throttled",
            )
        return super().clean()


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


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    """Django's form; a temporary password cannot simply be kept."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        new = cleaned.get("new_password1")
        if new and new == cleaned.get("old_password"):
            self.add_error("new_password1", _("新密码不能与当前密码相同。"))
        return cleaned


class EnrolmentCodeForm(forms.Form):
    code = forms.CharField(
        label=_("绑定码"), max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters",
                                      "spellcheck": "false", "autofocus": True}),
    )


def _org_label(org: Any, top_depth: int) -> str:
    indent = "　" * max(0, org.path.count("/") - 1 - top_depth)
    return f"{indent}{org.name}（{org.code}）"


def org_choices(orgs: Any, *, blank: str) -> list[tuple[str, str]]:
    """(id, indented name) of organizations in tree order, after a blank choice."""
    rows = list(orgs)
    top = min((o.path.count("/") - 1 for o in rows), default=1)
    return [("", blank), *((str(o.pk), _org_label(o, top)) for o in rows)]


def role_choices(roles: Any, *, blank: str | None = None) -> list[tuple[str, str]]:
    """(value, label) of the given roles in the order of `Role`."""
    choices = [(r.value, str(ROLE_LABELS[r])) for r in Role if r in roles]
    return [("", blank), *choices] if blank is not None else choices


class AccountForm(forms.Form):
    """A new account. Scope is checked by the view (`access`) and meaning by the service."""

    username = forms.CharField(label=_("用户名"), max_length=150,
                               widget=forms.TextInput(attrs={"autocapitalize": "none", "autocomplete": "off"}),
                               help_text=_("登录时使用，可包含字母、数字和 @ . + - _"))
    display_name = forms.CharField(label=_("姓名"), max_length=50, required=False)
    role = forms.ChoiceField(label=_("角色"))
    organization = forms.ChoiceField(label=_("所属组织"), required=False)
    member = forms.IntegerField(label=_("党员档案编号"), required=False, min_value=1,
                                help_text=_("可选：关联本人的党员档案（党员档案页地址中的数字）"))

    def __init__(self, *args: Any, roles: Any, orgs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = role_choices(roles, blank=str(_("请选择角色")))
        self.fields["organization"].choices = org_choices(orgs, blank=str(_("（不属于任何组织）")))


class RoleChangeForm(forms.Form):
    role = forms.ChoiceField(label=_("角色"))
    organization = forms.ChoiceField(label=_("所属组织"), required=False)

    def __init__(self, *args: Any, roles: Any, orgs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = role_choices(roles)
        self.fields["organization"].choices = org_choices(orgs, blank=str(_("（不属于任何组织）")))


class AccountFilterForm(forms.Form):
    role = forms.ChoiceField(label=_("角色"), required=False)
    org = forms.IntegerField(label=_("所属组织"), required=False)
    active = forms.ChoiceField(label=_("状态"), required=False, choices=[
        ("", _("全部状态")), ("yes", _("启用")), ("no", _("停用"))])
    q = forms.CharField(label=_("用户名或姓名"), required=False, max_length=50)

    def __init__(self, *args: Any, roles: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = role_choices(roles, blank=str(_("全部角色")))
