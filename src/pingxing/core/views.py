"""The home page (工作台): what each app registered for the user's role."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from pingxing.core.http import AuthenticatedHttpRequest


@login_required
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "core/home.html", {"own_org": request.user.organization})
