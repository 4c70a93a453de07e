"""发文与公示设置: the county office's issuer, 发文字号 机关代字 and where objections go."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from pingxing.core.http import AuthenticatedHttpRequest
from pingxing.ratings import issuing, services
from pingxing.ratings.access import office_for_user
from pingxing.ratings.forms import OfficeProfileForm


@login_required
def office_profile(request: AuthenticatedHttpRequest) -> HttpResponse:
    office = office_for_user(request.user, request=request, manage=True)
    profile = issuing.profile_of(office)
    form = OfficeProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        try:
            services.office_profile_update(office=office, by=request.user, request=request,
                                           **{field: form.cleaned_data[field] for field in form.Meta.fields})
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("发文与公示设置已保存。"))
            return redirect("ratings:office_profile")
    year = timezone.localdate().year
    issuer = issuing.issuer_for(office, issuing.next_doc_number(year, office), timezone.localdate())
    return render(request, "ratings/office_profile.html", {"form": form, "office": office, "issuer": issuer},
                  status=400 if form.is_bound and not form.is_valid() else 200)
