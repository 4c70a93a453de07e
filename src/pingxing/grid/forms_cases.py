"""Forms of service cases: the list's filters, a new case (staff), a step, and the resident's
report and follow-up pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pingxing.grid.clock import LIGHT_TEXT
from pingxing.grid.models_cases import CASE_STATE_CHOICES, CaseSource, Satisfaction
from pingxing.grid.queries_cases import CaseFilters
from pingxing.grid.services_cases import case_catalogue
from pingxing.grid.workflow import ASSIGNEE_KIND_TEXT, MAX_EXTENSION_DAYS, AssigneeKind


def category_choices(blank: Any = None) -> list[tuple[str, Any]]:
    choices: list[tuple[str, Any]] = [("", blank)] if blank is not None else []
    return choices + [(c.code, f"{c.group} · {c.name}") for c in case_catalogue().categories]


LIGHT_CHOICES = [("", _("全部"))] + [(key, _(text)) for key, text in LIGHT_TEXT.items()]


class CaseFilterForm(forms.Form):
    state = forms.ChoiceField(label=_("状态"), required=False)
    category = forms.ChoiceField(label=_("类别"), required=False)
    grid = forms.TypedChoiceField(label=_("网格"), required=False, coerce=int, empty_value=None)
    light = forms.ChoiceField(label=_("预警"), required=False, choices=LIGHT_CHOICES)
    source = forms.ChoiceField(label=_("来源"), required=False)
    q = forms.CharField(label=_("编号或标题"), required=False, max_length=50)

    def __init__(self, *args: Any, grids: list[tuple[int, str]] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        everything = ("", _("全部"))
        self.fields["state"].choices = [everything, *CASE_STATE_CHOICES]
        self.fields["category"].choices = category_choices(_("全部"))
        self.fields["grid"].choices = [everything, *grids]
        self.fields["source"].choices = [everything, *CaseSource.choices]

    def filters(self) -> CaseFilters:
        if not self.is_valid():
            return CaseFilters()
        d = self.cleaned_data
        return CaseFilters(state=d["state"], category=d["category"], grid=d["grid"], light=d["light"],
                           source=d["source"], q=d["q"])


class CaseNewForm(forms.Form):
    community = forms.TypedChoiceField(label=_("社区"), coerce=int)
    category = forms.ChoiceField(label=_("类别"))
    grid = forms.TypedChoiceField(label=_("网格"), coerce=int, required=False, empty_value=None)
    household = forms.IntegerField(label=_("相关户编号（可不填）"), required=False, min_value=1)
    title = forms.CharField(label=_("标题"), max_length=100, required=False)
    description = forms.CharField(label=_("反映的问题"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)
    address = forms.CharField(label=_("地点"), max_length=200, required=False)
    reporter_name = forms.CharField(label=_("反映人（可不填）"), max_length=50, required=False)
    reporter_contact = forms.CharField(label=_("联系方式（可不填）"), max_length=50, required=False)
    file = forms.FileField(label=_("照片或材料（可不填）"), required=False)

    def __init__(self, *args: Any, communities: list[tuple[int, str]] = (),  # type: ignore[assignment]
                 grids: list[tuple[int, str]] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["community"].choices = list(communities)
        self.fields["category"].choices = category_choices()
        self.fields["grid"].choices = [("", _("不指定")), *grids]


class StepForm(forms.Form):
    """One form for every step; the fields a step does not need are ignored (the step table
    checks what it needs and says what is missing)."""

    action = forms.CharField(max_length=20)
    reason = forms.CharField(label=_("理由或说明"), required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))
    to_kind = forms.ChoiceField(label=_("派遣对象"), required=False,
                                choices=[("", "")] + [(k.value, _(t)) for k, t in ASSIGNEE_KIND_TEXT.items()])
    to = forms.CharField(label=_("派遣给"), required=False, max_length=20)
    days = forms.IntegerField(label=_("延期天数（工作日）"), required=False, min_value=1, max_value=MAX_EXTENSION_DAYS)
    satisfaction = forms.ChoiceField(label=_("回访结果"), required=False, choices=[("", ""), *Satisfaction.choices])
    file = forms.FileField(label=_("附件（可不填）"), required=False)

    def data_for_step(self) -> dict[str, Any]:
        d = self.cleaned_data
        data: dict[str, Any] = {}
        if d.get("to_kind"):
            data["to_kind"] = d["to_kind"]
            data["to"] = (d.get("to") or "").strip()
            if d["to_kind"] == AssigneeKind.TEAM and not data["to"]:
                data["to"] = ""
        if d.get("days") is not None:
            data["days"] = d["days"]
        if d.get("satisfaction"):
            data["satisfaction"] = d["satisfaction"]
        return data


class ReportForm(forms.Form):
    """The resident's report (no login)."""

    community = forms.TypedChoiceField(label=_("所在社区"), coerce=int)
    category = forms.ChoiceField(label=_("问题类别"))
    description = forms.CharField(label=_("反映的问题"), widget=forms.Textarea(attrs={"rows": 5}), max_length=2000)
    address = forms.CharField(label=_("地点（可不填）"), max_length=200, required=False)
    photo = forms.FileField(label=_("照片（可不填）"), required=False)
    name = forms.CharField(label=_("您的称呼（可不填，不会公开）"), max_length=50, required=False)
    contact = forms.CharField(label=_("联系方式（可不填，不会公开）"), max_length=50, required=False)

    def __init__(self, *args: Any, communities: list[tuple[int, str]] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["community"].choices = [("", _("请选择")), *communities]
        self.fields["category"].choices = category_choices(_("请选择"))


class FollowForm(forms.Form):
    code = forms.CharField(label=_("查询码"), max_length=40)


class FollowUpForm(forms.Form):
    satisfaction = forms.ChoiceField(label=_("您对办理结果"), choices=Satisfaction.choices, widget=forms.RadioSelect)
    reason = forms.CharField(label=_("意见（不满意时请写明原因）"), required=False, max_length=1000,
                             widget=forms.Textarea(attrs={"rows": 3}))
