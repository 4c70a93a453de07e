"""党员志愿者 (volunteers): forms. The organization choices come from `access.manageable_orgs`."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pingxing.volunteers.models import Specialty


class TeamForm(forms.Form):
    organization = forms.TypedChoiceField(label=_("所属组织"), coerce=int)
    name = forms.CharField(label=_("队伍名称"), max_length=100)
    specialty = forms.ChoiceField(label=_("服务类别"), choices=Specialty.choices)

    def __init__(self, *args: Any, orgs: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].choices = orgs  # type: ignore[attr-defined]


class ActivityForm(forms.Form):
    organization = forms.TypedChoiceField(label=_("组织单位"), coerce=int)
    team = forms.TypedChoiceField(label=_("服务队"), coerce=int, required=False, empty_value=None)
    title = forms.CharField(label=_("活动名称"), max_length=100)
    date = forms.DateField(label=_("日期"), widget=forms.DateInput(attrs={"type": "date"}))
    planned_hours = forms.CharField(label=_("计划时长（小时）"), max_length=5, initial="2",
                                    widget=forms.TextInput(attrs={"inputmode": "decimal"}))
    capacity = forms.IntegerField(label=_("人数上限"), min_value=1, max_value=10000, initial=10)
    place = forms.CharField(label=_("地点"), max_length=100, required=False)

    def __init__(self, *args: Any, orgs: list[tuple[int, str]], teams: list[tuple[int, str]],
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].choices = orgs  # type: ignore[attr-defined]
        self.fields["team"].choices = [("", _("（不属于服务队）")), *teams]  # type: ignore[attr-defined]


class TeamMemberForm(forms.Form):
    member = forms.TypedChoiceField(label=_("党员"), coerce=int)
    joined_on = forms.DateField(label=_("加入日期"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, members: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = members  # type: ignore[attr-defined]
