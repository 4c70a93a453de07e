"""Input parsing of the training pages; what the values mean is the services' business."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pingxing.training.models import MAX_SESSION_HOURS, Channel, TraineeCategory

MIN_YEAR, MAX_YEAR = 2000, 2100


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=MIN_YEAR, max_value=MAX_YEAR, required=False)

    def year_or_this(self) -> int:
        data = self.cleaned_data if self.is_valid() else {}
        return data.get("year") or timezone.localdate().year


class CourseForm(forms.Form):
    title = forms.CharField(label=_("课程名称"), max_length=100)
    channel = forms.ChoiceField(label=_("培训渠道"), choices=Channel.choices)
    audience = forms.MultipleChoiceField(label=_("培训对象"), choices=TraineeCategory.choices,
                                         widget=forms.CheckboxSelectMultiple)
    organizer = forms.TypedChoiceField(label=_("主办组织"), coerce=int)
    year = forms.IntegerField(label=_("年度"), min_value=MIN_YEAR, max_value=MAX_YEAR)
    description = forms.CharField(label=_("课程简介"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, organizers: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organizer"].choices = organizers


class SessionForm(forms.Form):
    date = forms.DateField(label=_("日期"), widget=forms.DateInput(attrs={"type": "date"}))
    hours = forms.DecimalField(label=_("学时"), min_value=0.1, max_value=MAX_SESSION_HOURS, decimal_places=1,
                               widget=forms.NumberInput(attrs={"step": "0.5"}))
    place = forms.CharField(label=_("地点"), max_length=100, required=False)
    note = forms.CharField(label=_("备注"), max_length=200, required=False)


class TargetForm(forms.Form):
    """One field per category: hours, or empty for the default."""

    year = forms.IntegerField(label=_("年度"), min_value=MIN_YEAR, max_value=MAX_YEAR)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for value, label in TraineeCategory.choices:
            self.fields[value] = forms.DecimalField(label=label, min_value=0.1, max_value=999, decimal_places=1,
                                                    required=False)
