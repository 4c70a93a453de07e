from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from pingxing.core.access import get_member_for_user, visible_members


@login_required
def member_list(request: HttpRequest) -> HttpResponse:
    members = visible_members(request.user).select_related("organization", "party_group")
    return render(request, "members/list.html", {"members": members})


@login_required
def member_detail(request: HttpRequest, member_id: int) -> HttpResponse:
    member = get_member_for_user(request.user, member_id, request=request)
    return render(request, "members/detail.html", {"member": member})
