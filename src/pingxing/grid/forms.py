"""Forms of the grid network: they parse what a page sends; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pingxing.grid.models import GridLevel, SituationTag, TeamRole, VisitGrade, VisitKind


class GridForm(forms.Form):
    level = forms.ChoiceField(label=_("网格层级"), choices=GridLevel.choices)
    parent = forms.TypedChoiceField(label=_("所属大网格"), required=False, coerce=int, empty_value=None)
    code = forms.CharField(label=_("网格编号"), max_length=30)
    name = forms.CharField(label=_("网格名称"), max_length=60)
    area = forms.CharField(label=_("范围说明"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    addresses = forms.CharField(label=_("覆盖楼栋与地址（每行一个）"), required=False,
                                widget=forms.Textarea(attrs={"rows": 3}))
    boundary = forms.CharField(label=_("边界（GeoJSON，可不填）"), required=False,
                               widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, large_grids: Any = (), editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].choices = [("", "—"), *[(g.pk, f"{g.code} {g.name}") for g in large_grids]]
        if editing:
            del self.fields["level"], self.fields["parent"]

    def address_lines(self) -> list[str]:
        return [line for line in self.cleaned_data.get("addresses", "").splitlines() if line.strip()]


class TeamMemberForm(forms.Form):
    role = forms.ModelChoiceField(label=_("角色"), queryset=TeamRole.objects.all())
    member = forms.TypedChoiceField(label=_("本社区党员（可不选）"), required=False, coerce=int, empty_value=None)
    name = forms.CharField(label=_("姓名（非党员时填写）"), max_length=50, required=False)
    unit = forms.CharField(label=_("单位"), max_length=60, required=False)
    phone = forms.CharField(label=_("联系电话"), max_length=20, required=False)
    user = forms.TypedChoiceField(label=_("关联账号（可不选）"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, members: Any = (), users: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = [("", "—"), *[(m.pk, m.name) for m in members]]
        self.fields["user"].choices = [("", "—"), *[(u.pk, str(u)) for u in users]]


class HouseholdForm(forms.Form):
    grid = forms.TypedChoiceField(label=_("网格"), coerce=int)
    address = forms.CharField(label=_("住址"), max_length=200)
    building = forms.CharField(label=_("楼栋"), max_length=40, required=False)
    tags = forms.ModelMultipleChoiceField(label=_("情况标签"), queryset=SituationTag.objects.all(), required=False,
                                          widget=forms.CheckboxSelectMultiple)
    needs = forms.CharField(label=_("需求"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    note = forms.CharField(label=_("备注"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, grids: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["grid"].choices = [(g.pk, f"{g.code} {g.name}") for g in grids]


class ResidentForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=50)
    relation = forms.CharField(label=_("与户主关系"), max_length=20, initial="户主")
    id_number = forms.CharField(label=_("身份证号"), max_length=18, required=False)
    phone = forms.CharField(label=_("联系电话"), max_length=20, required=False)


class HouseholdFilterForm(forms.Form):
    grid = forms.TypedChoiceField(label=_("网格"), required=False, coerce=int, empty_value=None)
    tag = forms.TypedChoiceField(label=_("情况标签"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, grids: Any = (), tags: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["grid"].choices = [("", _("全部")), *[(g.pk, f"{g.code} {g.name}") for g in grids]]
        self.fields["tag"].choices = [("", _("全部")), *[(t.pk, t.name) for t in tags]]


class LinkForm(forms.Form):
    member = forms.TypedChoiceField(label=_("联系党员"), coerce=int)

    def __init__(self, *args: Any, members: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = [(m.pk, m.name) for m in members]


class VisitForm(forms.Form):
    """The phone page of a visit; households and concerns come as repeated fields."""

    client_key = forms.UUIDField(required=False, widget=forms.HiddenInput)
    kind = forms.ChoiceField(label=_("类型"), choices=VisitKind.choices)
    occurred_on = forms.DateField(label=_("日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    grid = forms.TypedChoiceField(label=_("网格"), coerce=int)
    place = forms.CharField(label=_("地点（会议或公共场所）"), max_length=100, required=False)
    participants = forms.IntegerField(label=_("参加人数"), min_value=1, max_value=10000, required=False)
    heard = forms.CharField(label=_("民情民意"), widget=forms.Textarea(attrs={"rows": 4}))
    done = forms.CharField(label=_("当场解答或办理"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    needs_note = forms.CharField(label=_("记入户的需求（可不填）"), max_length=200, required=False)
    tag = forms.TypedChoiceField(label=_("为户添加情况标签（可不选）"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, grids: Any = (), tags: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["grid"].choices = [(g.pk, f"{g.code} {g.name}") for g in grids]
        self.fields["tag"].choices = [("", "—"), *[(t.pk, t.name) for t in tags]]


class GradeForm(forms.Form):
    grade = forms.ChoiceField(label=_("评价"), choices=VisitGrade.choices, widget=forms.RadioSelect)
    note = forms.CharField(label=_("审阅意见"), max_length=200, required=False)


class NameForm(forms.Form):
    name = forms.CharField(label=_("名称"), max_length=20)
    leads = forms.BooleanField(label=_("组团负责人（审阅民情日记）"), required=False)
