"""领导小组与工作计划 (plans): forms."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pingxing.plans.models import ItemState, Post


class GroupForm(forms.Form):
    name = forms.CharField(label=_("名称"), max_length=100, required=False)
    office_place = forms.CharField(label=_("办公室设在"), max_length=100, required=False)
    office_contact = forms.CharField(label=_("办公室联系人"), max_length=50, required=False)
    office_phone = forms.CharField(label=_("办公室电话"), max_length=20, required=False)


class MemberForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=50)
    post = forms.ChoiceField(label=_("组内职务"), choices=Post.choices)
    unit = forms.CharField(label=_("单位及职务"), max_length=100, required=False)
    phone = forms.CharField(label=_("联系电话"), max_length=20, required=False)


class TargetForm(forms.Form):
    star = forms.TypedChoiceField(label=_("目标星级"), coerce=int, choices=[(n, f"{n}★") for n in range(1, 6)])


class ItemForm(forms.Form):
    content = forms.CharField(label=_("工作内容"), max_length=300)
    owner_name = forms.CharField(label=_("责任人"), max_length=50)
    due_on = forms.DateField(label=_("完成时限"), widget=forms.DateInput(attrs={"type": "date"}))


class ItemStateForm(forms.Form):
    state = forms.ChoiceField(label=_("进度"), choices=ItemState.choices)


class NoteForm(forms.Form):
    noted_on = forms.DateField(label=_("日期"), widget=forms.DateInput(attrs={"type": "date"}))
    text = forms.CharField(label=_("进展情况"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    evidence = forms.FileField(label=_("佐证材料（照片或PDF，可不传）"), required=False)
