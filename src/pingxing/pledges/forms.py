"""Input parsing of pioneer pledges; what the values mean is the services' business."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pingxing.pledges.models import CheckStatus, PledgeArea

_DATE = forms.DateInput(attrs={"type": "date"})


class ItemForm(forms.Form):
    area = forms.ChoiceField(label=_("承诺领域"), choices=PledgeArea.choices)
    text = forms.CharField(label=_("承诺内容"), max_length=300)
    due_date = forms.DateField(label=_("完成时限"), widget=_DATE)


class FulfilmentForm(forms.Form):
    done_on = forms.DateField(label=_("践诺日期"), widget=_DATE)
    text = forms.CharField(label=_("践诺情况"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}))
    evidence = forms.FileField(label=_("照片或PDF（可选）"), required=False,
                               widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,application/pdf"}))


class ScoreForm(forms.Form):
    score = forms.IntegerField(label=_("分数（0–100）"), min_value=0, max_value=100)
    text = forms.CharField(label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class CheckForm(forms.Form):
    status = forms.ChoiceField(label=_("年中检查"), choices=CheckStatus.choices)
    note = forms.CharField(label=_("检查意见"), required=False, max_length=300)


class YearForm(forms.Form):
    year = forms.IntegerField(min_value=2000, max_value=2100, required=False)
