"""服务阵地 (stations): forms; every error names its field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pingxing.stations.models import WEEKDAYS, ActivityKind, Service, StationKind


class StationForm(forms.Form):
    organization = forms.TypedChoiceField(label=_("所属组织"), coerce=int)
    kind = forms.ChoiceField(label=_("类型"), choices=StationKind.choices)
    name = forms.CharField(label=_("名称"), max_length=100)
    address = forms.CharField(label=_("地址"), max_length=200)
    weekdays = forms.MultipleChoiceField(label=_("开放日"), choices=list(enumerate(WEEKDAYS)), required=False,
                                         widget=forms.CheckboxSelectMultiple)
    opens = forms.TimeField(label=_("开门时间"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    closes = forms.TimeField(label=_("关门时间"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    hours_note = forms.CharField(label=_("开放时间说明"), max_length=200, required=False)
    services = forms.MultipleChoiceField(label=_("服务项目"), choices=Service.choices, required=False,
                                         widget=forms.CheckboxSelectMultiple)
    staff_name = forms.CharField(label=_("工作人员姓名"), max_length=50, required=False)
    staff_role = forms.CharField(label=_("工作人员职务"), max_length=50, required=False)
    staff_phone = forms.RegexField(label=_("工作人员电话"), regex=r"^[0-9-]{7,20}$", required=False)

    def __init__(self, *args: Any, organizations: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].choices = organizations  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("weekdays") and not (data.get("opens") and data.get("closes")):
            self.add_error("opens", _("选择了开放日时请填写开门和关门时间。"))
        elif data.get("opens") and data.get("closes") and data["opens"] >= data["closes"]:
            self.add_error("closes", _("关门时间应晚于开门时间。"))
        return data

    def hours(self) -> list[dict[str, Any]]:
        d = self.cleaned_data
        if not d.get("opens") or not d.get("closes"):
            return []
        return [{"weekday": int(w), "from": d["opens"].strftime("%H:%M"), "to": d["closes"].strftime("%H:%M")}
                for w in d.get("weekdays") or []]


class ActivityForm(forms.Form):
    date = forms.DateField(label=_("日期"), widget=forms.DateInput(attrs={"type": "date"}))
    title = forms.CharField(label=_("活动名称"), max_length=100)
    kind = forms.ChoiceField(label=_("活动类型"), choices=ActivityKind.choices)
    participants = forms.IntegerField(label=_("参加人数"), min_value=0, max_value=100000, initial=0)
    description = forms.CharField(label=_("活动情况"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class RemoteSessionForm(forms.Form):
    title = forms.CharField(label=_("课程名称"), max_length=100)
    date = forms.DateField(label=_("日期"), widget=forms.DateInput(attrs={"type": "date"}))
    hours = forms.DecimalField(label=_("学时"), min_value=0.1, max_value=24, decimal_places=1, initial=2)
    members = forms.TypedMultipleChoiceField(label=_("参学党员"), coerce=int, required=False,
                                             widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, members: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["members"].choices = members  # type: ignore[attr-defined]
