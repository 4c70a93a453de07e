"""Forms of organizations and Party groups; validation of meaning lives in orgs.services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pingxing.orgs.models import MemberUnitRole, Organization, PartyGroup


class OrganizationForm(forms.ModelForm):
    class Meta:
        model = Organization
        fields = ["code", "name", "kind", "form", "secretary_name"]

    def __init__(self, *args, level: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if level != "organization":
            del self.fields["kind"]
            del self.fields["form"]
        else:
            self.fields["kind"].required = True
            self.fields["form"].required = True


class PartyGroupForm(forms.ModelForm):
    class Meta:
        model = PartyGroup
        fields = ["name", "basis", "leader_name"]

    def validate_unique(self) -> None:
        # The service checks the name per organization with a message naming it.
        pass


class OutsideUnitForm(forms.Form):
    name = forms.CharField(label=_("单位名称"), max_length=100)
    category = forms.CharField(label=_("单位性质"), max_length=50, required=False)
    address = forms.CharField(label=_("地址"), max_length=200, required=False)
    contact_name = forms.CharField(label=_("联系人"), max_length=50, required=False)
    contact_phone = forms.CharField(label=_("联系电话"), max_length=20, required=False,
                                    widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}))
    note = forms.CharField(label=_("备注"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class MemberUnitForm(forms.Form):
    """Either an organization of the street's tree or a registered outside unit."""

    organization = forms.TypedChoiceField(label=_("本系统党组织"), coerce=int, required=False, empty_value=None)
    outside_unit = forms.TypedChoiceField(label=_("驻区单位"), coerce=int, required=False, empty_value=None)
    role = forms.ChoiceField(label=_("角色"), choices=MemberUnitRole.choices, initial=MemberUnitRole.MEMBER)
    joined_on = forms.DateField(label=_("加入日期"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, orgs: list[tuple[int, str]], units: list[tuple[int, str]],
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].choices = [("", "—"), *orgs]  # type: ignore[attr-defined]
        self.fields["outside_unit"].choices = [("", "—"), *units]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        if (data.get("organization") is None) == (data.get("outside_unit") is None):
            raise forms.ValidationError(_("请在“本系统党组织”和“驻区单位”中选择且只选择一个。"))
        return data


class LeaveForm(forms.Form):
    left_on = forms.DateField(label=_("退出日期"), widget=forms.DateInput(attrs={"type": "date"}))
