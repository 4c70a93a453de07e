from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from pingxing.core.access import visible_orgs


@login_required
def tree(request: HttpRequest) -> HttpResponse:
    orgs = visible_orgs(request.user).with_member_counts()
    return render(request, "orgs/tree.html", {"orgs": orgs})
