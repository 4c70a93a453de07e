"""Input parsing of the cadres app; what the values mean is the services' business."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pingxing.cadres.models import Body, CheckResult, Ground, Position
from pingxing.cadres.rules import accountability_forms
from pingxing.members.models import Education, Gender

_DATE = forms.DateInput(attrs={"type": "date"})
_FILE = forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,application/pdf"})



class PostForm(forms.Form):
    body = forms.ChoiceField(label=_("班子"), choices=Body.choices)
    position = forms.ChoiceField(label=_("职务"), choices=Position.choices)
    member = forms.TypedChoiceField(label=_("本组织党员"), coerce=int, required=False, empty_value=None)
    name = forms.CharField(label=_("姓名（非党员）"), max_length=50, required=False)
    birth_date = forms.DateField(label=_("出生日期（非党员）"), required=False, widget=_DATE)
    gender = forms.ChoiceField(label=_("性别（非党员）"), choices=[("", "—"), *Gender.choices], required=False)
    education = forms.ChoiceField(label=_("文化程度（非党员）"), choices=[("", "—"), *Education.choices],
                                  required=False)
    term_starts_on = forms.DateField(label=_("任职日期"), widget=_DATE)
    term_ends_on = forms.DateField(label=_("届满日期"), required=False, widget=_DATE)

    def __init__(self, *args: Any, members: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = [("", "—"), *((m.pk, m.name) for m in members)]


class EndPostForm(forms.Form):
    ended_on = forms.DateField(label=_("离任日期"), widget=_DATE)
    reason = forms.CharField(label=_("离任原因"), max_length=200)


class PledgeStartForm(forms.Form):
    post = forms.CharField(widget=forms.HiddenInput)
    year = forms.IntegerField(min_value=2000, max_value=2100, widget=forms.HiddenInput)
    target_star = forms.CharField(label=_("星级目标"), required=False)  # the service checks it


class TargetForm(forms.Form):
    target_star = forms.IntegerField(label=_("星级目标"), min_value=1, max_value=5, required=False)


class CommitmentForm(forms.Form):
    text = forms.CharField(label=_("承诺内容"), max_length=300, widget=forms.Textarea(attrs={"rows": 2}))
    due_1 = forms.DateField(label=_("检查日期"), widget=_DATE)
    due_2 = forms.DateField(label=_("检查日期（可选）"), required=False, widget=_DATE)
    due_3 = forms.DateField(label=_("检查日期（可选）"), required=False, widget=_DATE)

    def due_dates(self) -> list[dt.date]:
        return [d for d in (self.cleaned_data.get(f"due_{i}") for i in (1, 2, 3)) if d]


class CheckpointForm(forms.Form):
    result = forms.ChoiceField(label=_("兑现情况"), choices=CheckResult.choices, widget=forms.RadioSelect)
    note = forms.CharField(label=_("检查意见"), max_length=300, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))
    evidence = forms.FileField(label=_("照片或PDF（可选）"), required=False, widget=_FILE)


class AccountabilityDecideForm(forms.Form):
    form = forms.ChoiceField(label=_("问责方式"))
    decision = forms.CharField(label=_("处理决定"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    reason = forms.CharField(label=_("理由"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    decided_on = forms.DateField(label=_("决定日期"), widget=_DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["form"].choices = [(f.code, f.label) for f in accountability_forms().forms]


class CloseForm(forms.Form):
    reason = forms.CharField(label=_("不予问责的理由"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    decided_on = forms.DateField(label=_("决定日期"), widget=_DATE)


class AdjustmentProposeForm(forms.Form):
    grounds = forms.MultipleChoiceField(label=_("调整情形"), choices=Ground.choices,
                                        widget=forms.CheckboxSelectMultiple)
    evidence = forms.CharField(label=_("事实依据"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))
    files = forms.FileField(label=_("证明材料（照片或PDF，可选）"), required=False, widget=_FILE)


class AdjustmentDecideForm(forms.Form):
    decision = forms.ChoiceField(label=_("决定"), choices=[("adjust", _("调整")), ("keep", _("不调整"))],
                                 widget=forms.RadioSelect)
    reason = forms.CharField(label=_("决定理由"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    decided_on = forms.DateField(label=_("决定日期"), widget=_DATE)
    successor = forms.CharField(label=_("接任人选（调整时，可选）"), max_length=50, required=False)
