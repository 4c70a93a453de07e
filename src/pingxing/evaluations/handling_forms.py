"""Input of the handling pages; what the values mean is handling.py's business."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pingxing.evaluations.handling_models import OUTCOME_CHOICES

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_COUNT = {"min_value": 0, "max_value": 100000}


def _date(label: Any, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=_DATE)


class DraftForm(forms.Form):
    drafted_on = _date(_("支委会研究日期"))
    draft_text = forms.CharField(label=_("处置意见（草案）"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))
    due_on = _date(_("期限"))
    helper = forms.IntegerField(label=_("帮扶人"), required=False)


class PrereviewForm(forms.Form):
    passed = forms.TypedChoiceField(label=_("预审结论"), coerce=lambda v: v == "yes",
                                    choices=[("yes", _("同意")), ("no", _("退回修改"))])
    note = forms.CharField(label=_("预审意见"), max_length=500, required=False)


class MeetingForm(forms.Form):
    held_on = _date(_("党员大会日期"))
    present = forms.IntegerField(label=_("实到"), **_COUNT)
    votes_for = forms.IntegerField(label=_("赞成"), **_COUNT)
    votes_against = forms.IntegerField(label=_("反对"), **_COUNT)
    abstained = forms.IntegerField(label=_("弃权"), **_COUNT)


class ApprovalForm(forms.Form):
    approved_on = _date(_("批准日期"))
    body = forms.CharField(label=_("批准机关"), max_length=100)
    ref = forms.CharField(label=_("批复文号"), max_length=60, required=False)


class TalkForm(forms.Form):
    talked_on = _date(_("谈话日期"))
    talker = forms.CharField(label=_("谈话人"), max_length=50)
    summary = forms.CharField(label=_("谈话要点"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("结果"), choices=OUTCOME_CHOICES)
    note = forms.CharField(label=_("结果说明"), max_length=4000, required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))


def form_problem(form: forms.Form) -> str:
    """A Chinese message naming the fields that are missing or wrong."""
    labels = [str(form.fields[name].label) for name in form.errors if name in form.fields]
    return str(_("请检查以下各项：%(fields)s。")) % {"fields": "、".join(labels) or "—"}
