"""Campaign pages: the list of yearly campaigns (and opening one), and a campaign's cases.

For a street committee the campaign page is "the street page": its communities with
their state, stars and the next step to take.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from pingxing import rubric
from pingxing.core import scope
from pingxing.ratings import engine, queries, services
from pingxing.ratings.access import visible_cases
from pingxing.ratings.models import Campaign, CaseState


def _standard_choices() -> list[tuple[str, str]]:
    return [(s.id, f"{s.title}（{s.version}）") for s in rubric.list_standards()]


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

    def clean(self) -> dict:
        data = super().clean()
        order = ("declaration_deadline", "assessment_deadline", "county_deadline")
        dates = [data.get(name) for name in order]
        if all(dates) and not (dates[0] <= dates[1] <= dates[2]):
            self.add_error("assessment_deadline", _("截止日期须依次为：自评申报 ≤ 街道考核 ≤ 县审定/验收。"))
        return data


@login_required
def campaign_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user.role not in queries.CAMPAIGN_ROLES:
        raise Http404
    can_open = queries.can_open_campaign(user)
    form = None
    if can_open:
        today = dt.date.today()  # noqa: DTZ011 - a calendar year
        form = CampaignOpenForm(request.POST or None, initial={"year": today.year, "notice_working_days": 5})
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                campaign = services.campaign_open(
                    year=data["year"], by=user, standard_id=data["standard_id"],
                    declaration_deadline=data["declaration_deadline"],
                    assessment_deadline=data["assessment_deadline"],
                    county_deadline=data["county_deadline"],
                    notice_working_days=data["notice_working_days"],
                )
            except IntegrityError:
                form.add_error("year", _("该年度评星已开启，不能重复开启。"))
            else:
                messages.success(request, _("%(year)s年度评星已开启，已为各社区建立评星案卷。") % {"year": campaign.year})
                return redirect("ratings:campaign", year=campaign.year)
    elif request.method == "POST":
        raise Http404
    context = {
        "campaigns": queries.campaigns_for_user(user),
        "form": form,
        "standard_titles": {s.id: s.title for s in rubric.list_standards()},
    }
    return render(request, "ratings/campaign_list.html", context)


@login_required
def campaign_detail(request: HttpRequest, year: int) -> HttpResponse:
    user = request.user
    campaign = queries.get_campaign_for_user(user, year, request=request)
    if user.role in (scope.SECRETARY, scope.CLERK):
        own = visible_cases(user, campaign).values_list("pk", flat=True).first()
        if own is None:
            raise Http404
        return redirect("ratings:case", case_id=own)
    streets = list(queries.streets_for_user(user))
    street_id = _int(request.GET.get("street"))
    state = request.GET.get("state", "")
    if state not in CaseState.values:
        state = ""
    page = queries.campaign_page(user, campaign, street_id=street_id or None, state=state,
                                 page_number=_int(request.GET.get("page")) or 1)
    context = {
        "campaign": campaign,
        "standard_title": engine.standard(campaign.standard_id).title,
        "page": page,
        "streets": streets if len(streets) > 1 else [],
        "street_id": street_id,
        "state": state,
        "is_street": user.role == scope.STREET,
        "can_import": queries.can_import_facts(user),
    }
    return render(request, "ratings/campaign_detail.html", context)


def _int(raw: str | None) -> int:
    try:
        return int(raw or 0)
    except ValueError:
        return 0
