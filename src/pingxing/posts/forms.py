"""Input parsing of pioneer posts; what the values mean is the services' business."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pingxing.members.models import Member
from pingxing.posts.models import PostKind, PostState, ReviewOutcome

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class HolderField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)  # the name only: no phone, no ID number in the drop-down


class PostForm(forms.Form):
    kind = forms.ChoiceField(label=_("类型"), choices=PostKind.choices)
    name = forms.CharField(label=_("岗位名称"), max_length=100,
                           help_text=_("如“印染车间党员先锋岗”“3号楼党员责任区”"))
    holder = HolderField(label=_("持岗党员"), queryset=Member.objects.none())
    place = forms.CharField(label=_("岗位（区域）"), max_length=200)
    duties = forms.CharField(label=_("岗位职责"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}))
    starts_on = forms.DateField(label=_("设岗日期"), widget=_DATE)
    ends_on = forms.DateField(label=_("结束日期（可选）"), required=False, widget=_DATE)

    def __init__(self, *args: Any, organization: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        holder = self.fields["holder"]
        assert isinstance(holder, forms.ModelChoiceField)
        holder.queryset = Member.objects.filter(organization=organization).order_by("name", "pk")


class ReviewForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    outcome = forms.ChoiceField(label=_("评议结果"), choices=ReviewOutcome.choices)
    reason = forms.CharField(label=_("理由（表彰、撤销时必填）"), max_length=300, required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))


class DriveForm(forms.Form):
    name = forms.CharField(label=_("活动名称"), max_length=100, help_text=_("如“克难攻坚当先锋”“诚信服务先锋”"))
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    description = forms.CharField(label=_("活动说明"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class FilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("类型"), required=False, choices=[("", _("全部类型")), *PostKind.choices])
    state = forms.ChoiceField(label=_("状态"), required=False, choices=[("", _("全部状态")), *PostState.choices])
    drive = forms.TypedChoiceField(label=_("主题创建活动"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, drives: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        drive = self.fields["drive"]
        assert isinstance(drive, forms.TypedChoiceField)
        drive.choices = [("", _("全部活动")), *((d.pk, f"{d.year} {d.name}") for d in drives)]


