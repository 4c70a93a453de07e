"""The filter form of the audit trail page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pingxing.audit.queries import object_type_choices
from pingxing.core.audit import action_choices
from pingxing.orgs.access import visible_orgs


class AuditFilterForm(forms.Form):
    date_from = forms.DateField(label=_("起始日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("截止日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    username = forms.CharField(label=_("用户名"), required=False, max_length=150)
    action = forms.ChoiceField(label=_("操作"), required=False, choices=())
    organization = forms.ModelChoiceField(
        label=_("组织（含下级）"), required=False, queryset=None, empty_label=_("全部")
    )
    object_type = forms.ChoiceField(label=_("对象类型"), required=False)
    text = forms.CharField(label=_("对象"), required=False, max_length=100)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only organizations the reader may see can be chosen (access helper).
        self.fields["organization"].queryset = visible_orgs(user).order_by("path")
        self.fields["object_type"].choices = [("", _("全部")), *object_type_choices()]
        self.fields["action"].choices = [("", _("全部")), *action_choices()]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("截止日期不能早于起始日期。"))
        return data

    def describe(self) -> str:
        """The filters in use, as one line for the export's audit entry."""
        parts = []
        for name, value in self.cleaned_data.items():
            if value not in (None, ""):
                parts.append(f"{name}={getattr(value, 'pk', value)}")
        return "; ".join(parts)
