"""Forms of members; validation of meaning (ID checksum, duplicates, scope) lives in members.services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pingxing.members.access import writable_member_orgs
from pingxing.members.grouping import BASES
from pingxing.members.models import Member, MemberStatus
from pingxing.members.validators import id_birth_date, id_gender, id_number_error, identity_errors
from pingxing.orgs.models import PartyGroup

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


# Shown masked on the edit form; the full values only after an audited "reveal to edit".
CONTACT_FIELDS = ("phone", "address")


class MemberForm(forms.ModelForm):
    # Not a model field of the form: on edit an empty value keeps the stored number,
    # so the full number never has to be sent to the browser.
    id_number = forms.CharField(label=_("身份证号"), max_length=18, required=False,
                                widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "text"}))
    # Set once the contact fields were revealed: then an empty field means "clear it".
    contact_revealed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Member
        fields = [
            "name", "gender", "birth_date", "education", "joined_on", "occupation", "specialty",
            "phone", "address", "organization", "party_group", "status", "is_mobile",
        ]
        widgets = {"birth_date": _DATE, "joined_on": _DATE}

    def __init__(self, *args: Any, user: Any, reveal: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        orgs = writable_member_orgs(user)
        self.fields["organization"].queryset = orgs
        self.fields["party_group"].queryset = PartyGroup.objects.filter(
            organization__in=orgs
        ).select_related("organization")
        self.fields["party_group"].label_from_instance = lambda g: f"{g.organization.name} · {g.name}"
        # Birth date and gender may be left empty: the ID number states both (GB 11643).
        for name in ("birth_date", "gender"):
            self.fields[name].required = False
            self.fields[name].help_text = _("可留空，按身份证号自动填写")
        if self.instance.pk:
            self.fields["id_number"].help_text = _("当前：%(masked)s；留空表示不修改") % {
                "masked": self.instance.id_number_masked
            }
            self.masked_contact = not reveal
            self.initial["contact_revealed"] = reveal
            if self.masked_contact:
                masked = {"phone": self.instance.phone_masked, "address": self.instance.address_masked}
                for name in CONTACT_FIELDS:
                    self.initial[name] = ""
                    self.fields[name].widget.attrs["placeholder"] = masked[name]
                    if masked[name]:
                        self.fields[name].help_text = _("当前：%(masked)s；留空表示不修改") % {"masked": masked[name]}
        else:
            self.fields["id_number"].required = True
            self.masked_contact = False

    def clean(self) -> dict[str, Any]:
        """Fill birth date and gender in from the ID number, and refuse values that contradict
        it (on an edit, once one of the three is changed: older records stay editable).
        Contact fields left empty on a masked edit form keep their stored values."""
        data = super().clean()
        if self.instance.pk and not data.get("contact_revealed"):
            for name in CONTACT_FIELDS:
                if not data.get(name):
                    data[name] = getattr(self.instance, name)
        typed = data.get("id_number") or ""
        number = typed or (self.instance.id_number if self.instance.pk else "")
        if not number or id_number_error(number):
            return data  # an invalid number is reported on its own field by the service
        if not data.get("birth_date"):
            data["birth_date"] = id_birth_date(number)
        if not data.get("gender"):
            data["gender"] = id_gender(number)
        if self.instance.pk and not typed and not {"birth_date", "gender"} & set(self.changed_data):
            return data
        for name, message in identity_errors(number, data.get("birth_date"), data.get("gender")).items():
            self.add_error(name, message)
        return data

    def service_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("contact_revealed", None)
        if not data.get("id_number"):
            data.pop("id_number", None)
        return data


class MemberFilterForm(forms.Form):
    org = forms.IntegerField(required=False, widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("党员类别"), required=False,
                               choices=[("", _("全部类别")), *MemberStatus.choices])
    mobile = forms.ChoiceField(label=_("流动党员"), required=False,
                               choices=[("", _("全部")), ("yes", _("流动党员")), ("no", _("非流动党员"))])
    q = forms.CharField(label=_("姓名"), required=False, max_length=50)


BASIS_LABELS = {"age": _("按年龄"), "education": _("按文化程度"), "specialty": _("按特长"), "industry": _("按行业")}


class GroupingForm(forms.Form):
    basis = forms.ChoiceField(label=_("设置依据"), choices=[(b, BASIS_LABELS[b]) for b in BASES])
    max_size = forms.IntegerField(label=_("每组最多人数"), min_value=3, max_value=50, initial=15)


class ExportForm(forms.Form):
    full = forms.BooleanField(label=_("导出完整身份证号、电话和住址"), required=False)
