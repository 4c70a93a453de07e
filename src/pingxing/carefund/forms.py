"""党内关爱基金 (carefund): forms. They only shape the input; amounts (yuan text), ids and the
rules are checked by the services and access helpers, whose messages name the field."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pingxing.carefund.models import HardshipKind, Purpose


class DonationForm(forms.Form):
    donor = forms.CharField(label=_("捐赠人"), max_length=100)
    amount = forms.CharField(label=_("金额（元）"), max_length=20)
    booked_on = forms.DateField(label=_("日期"), widget=forms.DateInput(attrs={"type": "date"}))
    memo = forms.CharField(label=_("摘要"), max_length=200, required=False)
    token = forms.CharField(widget=forms.HiddenInput, max_length=60)


class HardshipForm(forms.Form):
    member = forms.CharField(label=_("党员"), max_length=20)
    kind = forms.ChoiceField(label=_("困难类型"), choices=HardshipKind.choices)
    situation = forms.CharField(label=_("困难情况"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    support_received = forms.CharField(label=_("已获帮扶"), max_length=2000, required=False,
                                       widget=forms.Textarea(attrs={"rows": 2}))


class ApplicationForm(forms.Form):
    fund = forms.CharField(label=_("基金"), max_length=20)
    purpose = forms.ChoiceField(label=_("用途"), choices=Purpose.choices)
    hardship = forms.CharField(label=_("困难登记"), max_length=20, required=False)
    member = forms.CharField(label=_("申请党员"), max_length=20, required=False)
    amount = forms.CharField(label=_("申请金额（元）"), max_length=20)
    reason = forms.CharField(label=_("申请理由或创业计划"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("理由"), max_length=300, widget=forms.Textarea(attrs={"rows": 2}))


def first_error(form: forms.Form) -> str:
    """The first error of a form, with its field's label, as one line."""
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        return f"{label}：{errors[0]}" if label else str(errors[0])
    return ""
