"""Input parsing for the points pages; what the values mean is the services' business."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pingxing.points.models import ExemptionReason
from pingxing.points.rules import ItemTable

MIN_YEAR, MAX_YEAR = 2000, 2100


class PeriodForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=MIN_YEAR, max_value=MAX_YEAR, required=False)
    quarter = forms.TypedChoiceField(label=_("季度"), required=False, coerce=int, empty_value=None, choices=[
        ("", _("全年")), (1, _("第一季度")), (2, _("第二季度")), (3, _("第三季度")), (4, _("第四季度"))])

    def period(self) -> tuple[int, int | None]:
        """The year (this year by default) and quarter (None for the whole year) asked for."""
        data = self.cleaned_data if self.is_valid() else {}
        return data.get("year") or timezone.localdate().year, data.get("quarter")


class EntryForm(forms.Form):
    member = forms.TypedChoiceField(label=_("党员"), coerce=int)
    item_code = forms.ChoiceField(label=_("积分项目"))
    occurred_on = forms.DateField(label=_("发生日期"), widget=forms.DateInput(attrs={"type": "date"}))
    times = forms.IntegerField(label=_("次数"), min_value=1, max_value=50, initial=1)
    note = forms.CharField(label=_("说明"), max_length=200, required=False)
    # An empty file reaches the service, which refuses it by its type or its content.
    evidence = forms.FileField(label=_("证明材料（照片或PDF）"), required=False, allow_empty_file=True)

    def __init__(self, *args: Any, members: list[tuple[int, str]], table: ItemTable, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = members
        self.fields["item_code"].choices = [
            (i.code, f"{i.code} {i.name}（{i.points:+d}分，每年至多{i.cap_per_year}分{'，须证明材料' if i.evidence_required else ''}）")
            for i in table.items
        ]


class AppealForm(forms.Form):
    reason = forms.CharField(label=_("申诉理由"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}))


class DecideForm(forms.Form):
    uphold = forms.TypedChoiceField(label=_("决定"), coerce=lambda v: v == "1", choices=[
        ("1", _("申诉成立，冲正扣分")), ("0", _("申诉不成立，维持扣分"))])
    decision = forms.CharField(label=_("决定理由"), max_length=500)


class ExemptionForm(forms.Form):
    member = forms.TypedChoiceField(label=_("党员"), coerce=int)
    year = forms.IntegerField(label=_("年度"), min_value=MIN_YEAR, max_value=MAX_YEAR)
    reason = forms.ChoiceField(label=_("免于积分原因"), choices=ExemptionReason.choices)
    note = forms.CharField(label=_("说明"), max_length=200, required=False)

    def __init__(self, *args: Any, members: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = members


class SettingForm(forms.Form):
    ranking_visible = forms.BooleanField(label=_("在本组织内显示积分排名"), required=False)
