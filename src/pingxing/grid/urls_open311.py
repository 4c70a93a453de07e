"""Open311 GeoReport v2, mounted at /open311/v2/ by pingxing.urls."""

from __future__ import annotations

from django.urls import re_path

from pingxing.grid import open311

app_name = "open311"
FMT = r"\.(?P<fmt>json|xml)$"
urlpatterns: list = [
    re_path(r"^services" + FMT, open311.services_list, name="services"),
    re_path(r"^services/(?P<code>[A-Za-z0-9_-]{1,32})" + FMT, open311.service_definition, name="service"),
    re_path(r"^requests" + FMT, open311.requests_list, name="requests"),
    re_path(r"^requests/(?P<request_id>[A-Za-z0-9-]{1,64})" + FMT, open311.request_detail, name="request"),
]
