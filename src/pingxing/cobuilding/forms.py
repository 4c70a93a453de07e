"""Input parsing of the cobuilding pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pingxing.cobuilding.models import Area, Verdict


class ContractForm(forms.Form):
    title = forms.CharField(label=_("协议名称"), max_length=100)
    period_start = forms.DateField(label=_("起始日期"), widget=forms.DateInput(attrs={"type": "date"}))
    period_end = forms.DateField(label=_("结束日期"), widget=forms.DateInput(attrs={"type": "date"}))
    signed_on = forms.DateField(label=_("签订日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


class PartnerForm(forms.Form):
    organization = forms.IntegerField(label=_("共建组织"), required=False)
    outside_unit = forms.IntegerField(label=_("驻区单位"), required=False)


class ItemForm(forms.Form):
    area = forms.ChoiceField(label=_("共建领域"), choices=Area.choices)
    content = forms.CharField(label=_("共建事项"), max_length=200)
    responsible = forms.IntegerField(label=_("责任方"), required=False)
    due_on = forms.DateField(label=_("完成期限"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    expected = forms.CharField(label=_("预期效果"), max_length=200, required=False)


class DeliveryForm(forms.Form):
    done_on = forms.DateField(label=_("落实日期"), widget=forms.DateInput(attrs={"type": "date"}))
    text = forms.CharField(label=_("落实情况"), max_length=500)
    by_partner = forms.IntegerField(label=_("落实方"), required=False)
    evidence = forms.FileField(label=_("证明材料（照片/PDF）"), required=False)


class ReviewForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    partner = forms.IntegerField(label=_("评议方"), required=False)
    verdict = forms.ChoiceField(label=_("评议结果"), choices=Verdict.choices)
    comment = forms.CharField(label=_("评议意见"), max_length=500, required=False)
    signed_for = forms.CharField(label=_("驻区单位签字人"), max_length=50, required=False)
