"""Forms of the democratic evaluation. A ballot is read from the POST by `ballot_marks`, since
its fields follow the roll (g_<entry id> = grade, c_<entry id> = conduct codes)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pingxing.evaluations.models import SUBJECT_CHOICES, ExcuseReason
from pingxing.evaluations.subjects import Subject

_DT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class StartForm(forms.Form):
    """A new evaluation: the year, the subject and, for the leadership, the committee members
    on the roll (`members`: (id, name) of the organization's members)."""

    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    subject = forms.ChoiceField(label=_("评议对象"), choices=SUBJECT_CHOICES, initial=Subject.MEMBERS.value,
                                required=False, widget=forms.RadioSelect)
    members = forms.TypedMultipleChoiceField(
        label=_("参加评议的班子成员"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("班子成员评议时选择。本组织“班子成员”名册页面也可以直接按名册发起评议。"))

    def __init__(self, *args: Any, members: list[tuple[int, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["members"].choices = members or []

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["subject"] = data.get("subject") or Subject.MEMBERS.value
        if data["subject"] == Subject.LEADERSHIP and not data.get("members"):
            self.add_error("members", _("请选择参加评议的班子成员。"))
        return data


class AdvanceForm(forms.Form):
    self_until = forms.DateField(label=_("个人自评截止"), required=False,
                                 widget=forms.DateInput(attrs={"type": "date"}))
    opens_at = forms.DateTimeField(label=_("测评开始"), required=False, widget=_DT)
    closes_at = forms.DateTimeField(label=_("测评截止"), required=False, widget=_DT)


class ExcuseForm(forms.Form):
    entry = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.ChoiceField(label=_("不参加评议的原因"), required=False,
                               choices=[("", _("参加评议")), *ExcuseReason.choices])
    note = forms.CharField(label=_("说明"), required=False, max_length=200)


class RepresentativeForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=50)
    contact = forms.CharField(label=_("联系方式"), max_length=50, required=False)
    note = forms.CharField(label=_("身份"), max_length=100, required=False,
                           help_text=_("如：居民代表、驻区单位代表"))


class CodesForm(forms.Form):
    count = forms.IntegerField(label=_("签发数量"), min_value=1, max_value=500, initial=10)


class SelfAssessmentForm(forms.Form):
    text = forms.CharField(label=_("个人自评"), min_length=10, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 8}))


class PaperSheetForm(forms.Form):
    voter_class = forms.ChoiceField(label=_("选票类别"), choices=[("members", _("党员民主测评票")),
                                                              ("masses", _("党外群众代表测评票"))])
    sheet_no = forms.IntegerField(label=_("选票编号"), min_value=1, max_value=100000)


def ballot_marks(data: Any, entry_ids: list[int]) -> dict[str, dict[str, Any]]:
    """The marks of a posted ballot: {entry id: {"g": grade, "c": [codes]}} for the ids asked."""
    marks: dict[str, dict[str, Any]] = {}
    for pk in entry_ids:
        grade = data.get(f"g_{pk}", "")
        if grade:
            marks[str(pk)] = {"g": grade, "c": data.getlist(f"c_{pk}") if hasattr(data, "getlist") else []}
    return marks
