"""Forms of the campaign pages; what the values mean is checked by the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from pingxing.ratings import engine, issuing
from pingxing.ratings.models import Campaign, Publication


def _standard_choices() -> list[tuple[str, str]]:
    return [(s.id, f"{s.title}（{s.version}）") for s in engine.standards()]


class CampaignOpenForm(forms.Form):
    """开启年度评星: the year, the standard and the deadlines of each stage."""

    year = forms.IntegerField(label=_("考评年度"), min_value=2000, max_value=2100)
    standard_id = forms.ChoiceField(label=_("考评标准"), choices=_standard_choices)
    declaration_deadline = forms.DateField(label=_("自评申报截止"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    assessment_deadline = forms.DateField(label=_("街道考核截止"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    county_deadline = forms.DateField(label=_("县审定/验收截止"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    notice_working_days = forms.IntegerField(label=_("公示期（工作日）"), min_value=1, max_value=30, initial=5)

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        if Campaign.objects.filter(year=year).exists():
            raise forms.ValidationError(_("%(year)s年度评星已开启，不能重复开启。"), params={"year": year})
        return year

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        order = ("declaration_deadline", "assessment_deadline", "county_deadline")
        dates = [data.get(name) for name in order]
        if all(dates) and not (dates[0] <= dates[1] <= dates[2]):
            self.add_error("assessment_deadline", _("截止日期须依次为：自评申报 ≤ 街道考核 ≤ 县审定/验收。"))
        return data


class PublishForm(forms.Form):
    doc_number = forms.CharField(
        label=_("发文字号"), max_length=60,
        validators=[RegexValidator(issuing.DOC_NUMBER_RE, _("发文字号应形如“绍县评星办〔2010〕3号”（年份用六角括号〔〕，序号不加“第”和前导零）。"))],
    )
    title = forms.CharField(label=_("标题"), max_length=200)
    issued_on = forms.DateField(label=_("成文日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def clean_doc_number(self) -> str:
        number = self.cleaned_data["doc_number"].strip()
        if Publication.objects.filter(doc_number=number).exists():
            raise forms.ValidationError(_("发文字号“%(number)s”已使用。"), params={"number": number})
        return number


class ReportForm(forms.Form):
    doc_number = forms.CharField(label=_("发文字号"), max_length=60, required=False,
                                 validators=[RegexValidator(issuing.DOC_NUMBER_RE, _("发文字号格式不正确。"))])
    issued_on = forms.DateField(label=_("成文日期"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
