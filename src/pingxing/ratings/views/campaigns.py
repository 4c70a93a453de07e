"""Campaign pages: the list of yearly campaigns (and opening one), and a campaign's cases.

For a street committee the campaign page is "the street page": its communities with
their state, stars and the next step to take.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from pingxing.accounts.roles import ORG_STAFF_ROLES, Role
from pingxing.core.access import deny, parse_id
from pingxing.core.http import AuthenticatedHttpRequest, actor_of
from pingxing.ratings import engine, permissions, queries, services
from pingxing.ratings.access import get_campaign_for_user, visible_cases
from pingxing.ratings.forms import CampaignOpenForm
from pingxing.ratings.workflow import CaseState


@login_required
def campaign_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    actor = actor_of(user)
    if not permissions.can_take_part_in_campaigns(actor):
        deny(user, "ratings.campaign", "list", request)
    can_open = permissions.can_open_campaign(actor)
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
        "standard_titles": {s.id: s.title for s in engine.standards()},
    }
    return render(request, "ratings/campaign_list.html", context)


@login_required
def campaign_detail(request: AuthenticatedHttpRequest, year: int) -> HttpResponse:
    user = request.user
    campaign = get_campaign_for_user(user, year, request=request)
    if user.role in ORG_STAFF_ROLES:
        own = visible_cases(user, campaign).values_list("pk", flat=True).first()
        if own is None:
            raise Http404
        return redirect("ratings:case", case_id=own)
    streets = list(queries.streets_for_user(user))
    street_id = parse_id(request.GET.get("street"))
    state = request.GET.get("state", "")
    if state not in set(CaseState):
        state = ""
    page = queries.campaign_page(user, campaign, street_id=street_id or None, state=state,
                                 page_number=parse_id(request.GET.get("page")) or 1)
    context = {
        "campaign": campaign,
        "standard_title": engine.standard(campaign.standard_id).title,
        "page": page,
        "streets": streets if len(streets) > 1 else [],
        "street_id": street_id,
        "state": state,
        "is_street": user.role == Role.STREET,
        "can_import": permissions.can_import_facts(actor_of(user)),
        "can_manage_results": permissions.can_manage_results(actor_of(user)),
        "can_view_results": permissions.can_view_results(actor_of(user)),
    }
    return render(request, "ratings/campaign_detail.html", context)

