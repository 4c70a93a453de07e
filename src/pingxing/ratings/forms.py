"""Forms of the campaign pages; what the values mean is checked by the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from pingxing.ratings import engine, issuing
from pingxing.ratings.models import Campaign, OfficeProfile, Publication


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
    """发文公布: number, title and date. The first post shows the preview; the second, with
    `confirm` and the previewed list of cases, issues the document."""

    doc_number = forms.CharField(
        label=_("发文字号"), max_length=60,
        validators=[RegexValidator(issuing.DOC_NUMBER_RE, _("发文字号应形如“绍县评星办〔2010〕3号”（年份用六角括号〔〕，序号不加“第”和前导零）。"))],
    )
    title = forms.CharField(label=_("标题"), max_length=200)
    issued_on = forms.DateField(label=_("成文日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)
    cases = forms.CharField(required=False, widget=forms.HiddenInput)  # the previewed case ids

    def __init__(self, *args: Any, prefix_required: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.prefix_required = prefix_required

    def clean_doc_number(self) -> str:
        number = self.cleaned_data["doc_number"].strip()
        if self.prefix_required and not number.startswith(f"{self.prefix_required}〔"):
            raise forms.ValidationError(
                _("发文字号“%(number)s”的机关代字应为“%(prefix)s”（与发文机关标志同一机关，见“发文与公示设置”）。"),
                params={"number": number, "prefix": self.prefix_required},
            )
        if Publication.objects.filter(doc_number=number).exists():
            raise forms.ValidationError(_("发文字号“%(number)s”已使用。"), params={"number": number})
        return number

    def previewed_case_ids(self) -> list[int]:
        return sorted(int(part) for part in self.cleaned_data.get("cases", "").split(",") if part.strip().isdigit())


class ReportForm(forms.Form):
    doc_number = forms.CharField(label=_("发文字号"), max_length=60, required=False,
                                 validators=[RegexValidator(issuing.DOC_NUMBER_RE, _("发文字号格式不正确。"))])
    issued_on = forms.DateField(label=_("成文日期"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    confirm_partial = forms.BooleanField(
        label=_("我已知悉本年度尚有评定中的党组织，通报将标明“截至某月某日（评定中若干个）”"), required=False)


class OfficeProfileForm(forms.ModelForm):
    """发文与公示设置; the service checks that the mark and the signature name one issuer."""

    class Meta:
        model = OfficeProfile
        fields = ["issuer_mark", "issuer_name", "doc_prefix", "printer", "objection_address", "objection_phone"]
        help_texts = {
            "issuer_mark": _("如“中共绍兴县委组织部文件”；留空则按发文机关署名加“文件”。"),
            "issuer_name": _("如“中共绍兴县委组织部”；留空则按本单位名称。"),
            "doc_prefix": _("发文字号中六角括号前的部分，如“绍县组”，发文字号即为“绍县组〔2010〕N号”。"),
            "printer": _("版记中的印发机关，如“中共绍兴县委组织部办公室”；留空则按署名加“办公室”。"),
            "objection_address": _("公示中写明的异议受理地址。"),
            "objection_phone": _("公示中写明的异议受理电话。"),
        }
