from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from pingxing.core.access import visible_members, visible_orgs


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    context = {
        "org_count": visible_orgs(user).count(),
        "member_count": visible_members(user).count(),
    }
    return render(request, "core/home.html", context)
