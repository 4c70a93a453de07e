"""Open311 GeoReport v2 (mounted at /open311/v2/): the catalogue as services, and service
requests in and out, in JSON or XML (the spec's shapes: <services>, <service_requests>,
<errors>).

Choices (documented for clients):
- service_request_id is the case's `public_id` (a UUID): stable and not guessable; the case
  number staff and residents quote is in `service_notice` of the POST answer.
- Only cases that came in through a public channel (this interface or the resident's page)
  are listed; cases from visits or staff concern households and are never published.
- POST needs an `api_key` (only its keyed hash is stored, `pingxing grid apikey NAME`);
  `jurisdiction_id`, when given, must be ours (settings.OPEN311_JURISDICTION). The case's
  community is the one whose grid covers `address_string`, else the street's first.
- Never in the output: the reporter's name, email or phone (kept encrypted on the case).
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from pingxing.grid import queries_cases as queries
from pingxing.grid import services_cases as services
from pingxing.grid.clock import LOCAL_TZ
from pingxing.grid.models import Grid
from pingxing.grid.models_cases import ApiKey, CaseSource, ServiceCase
from pingxing.grid.workflow import DONE_STATES, open311_status
from pingxing.orgs.models import Organization

FORMATS = ("json", "xml")
PUBLIC_SOURCES = (CaseSource.OPEN311, CaseSource.RESIDENT)
MAX_RESULTS = 1000
DEFAULT_DAYS = 90


class Open311Error(Exception):
    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.description = description


def jurisdiction() -> str:
    return str(getattr(settings, "OPEN311_JURISDICTION", "keqiao.shaoxing.example"))


def _w3c(value: datetime | None) -> str | None:
    return value.astimezone(LOCAL_TZ).isoformat(timespec="seconds") if value else None


def _xml(root: str, item: str, rows: list[dict[str, Any]]) -> bytes:
    top = ET.Element(root)
    for row in rows:
        element = ET.SubElement(top, item)
        for key, value in row.items():
            child = ET.SubElement(element, key)
            if isinstance(value, list):
                for entry in value:
                    sub = ET.SubElement(child, "attribute")
                    for k, v in entry.items():
                        ET.SubElement(sub, k).text = "" if v is None else str(v)
            elif isinstance(value, bool):
                child.text = "true" if value else "false"
            elif value is not None:
                child.text = str(value)
    return b'<?xml version="1.0" encoding="utf-8"?>' + ET.tostring(top, encoding="utf-8")


def _answer(fmt: str, root: str, item: str, rows: list[dict[str, Any]], status: int = 200) -> HttpResponse:
    if fmt == "xml":
        return HttpResponse(_xml(root, item, rows), status=status, content_type="text/xml; charset=utf-8")
    return JsonResponse(rows, safe=False, status=status, json_dumps_params={"ensure_ascii": False})


def _error(fmt: str, error: Open311Error) -> HttpResponse:
    return _answer(fmt, "errors", "error", [{"code": error.status, "description": error.description}],
                   status=error.status)


def _check(fmt: str, params: Any) -> None:
    if fmt not in FORMATS:
        raise Open311Error(404, _("不支持的格式，请使用 json 或 xml。"))
    given = params.get("jurisdiction_id", "").strip()
    if given and given != jurisdiction():
        raise Open311Error(404, _("jurisdiction_id 无效。"))


def _handled(view: Any) -> Any:
    def wrapper(request: HttpRequest, *args: Any, fmt: str = "json", **kwargs: Any) -> HttpResponse:
        reply_fmt = fmt if fmt in FORMATS else "json"
        try:
            _check(fmt, request.POST if request.method == "POST" else request.GET)
            response: HttpResponse = view(request, *args, fmt=fmt, **kwargs)
            return response
        except Open311Error as error:
            return _error(reply_fmt, error)
    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


@require_GET
@_handled
def services_list(request: HttpRequest, *, fmt: str) -> HttpResponse:
    rows = [c.open311() for c in services.case_catalogue().categories]
    return _answer(fmt, "services", "service", rows)


@require_GET
@_handled
def service_definition(request: HttpRequest, code: str, *, fmt: str) -> HttpResponse:
    category = services.case_catalogue().by_service_code(code)
    if category is None:
        raise Open311Error(404, _("service_code 不存在。"))
    row = {"service_code": category.service_code, "attributes": []}
    if fmt == "json":
        return JsonResponse(row, json_dumps_params={"ensure_ascii": False})
    return HttpResponse(_xml_definition(row), content_type="text/xml; charset=utf-8")


def _xml_definition(row: dict[str, Any]) -> bytes:
    top = ET.Element("service_definition")
    ET.SubElement(top, "service_code").text = row["service_code"]
    ET.SubElement(top, "attributes")
    return b'<?xml version="1.0" encoding="utf-8"?>' + ET.tostring(top, encoding="utf-8")


def request_row(case: ServiceCase) -> dict[str, Any]:
    """A case as an Open311 service request (never the reporter)."""
    category = services.case_catalogue().get(case.category)
    agency = (case.assigned_department.name if case.assigned_department_id and case.assigned_department else
              case.assigned_grid.name if case.assigned_grid_id and case.assigned_grid else case.community.name)
    expected = (datetime.combine(case.deadline, datetime.max.time().replace(microsecond=0), tzinfo=LOCAL_TZ)
                if case.deadline else None)
    return {
        "service_request_id": str(case.public_id),
        "status": open311_status(case.state),
        "status_notes": queries.public_status_note(case),
        "service_name": category.name if category else case.category,
        "service_code": category.service_code if category else "",
        "description": case.description,
        "agency_responsible": agency,
        "service_notice": "",
        "requested_datetime": _w3c(case.received_at),
        "updated_datetime": _w3c(case.updated_at),
        "expected_datetime": _w3c(expected),
        "address": case.address,
        "address_id": "",
        "zipcode": "",
        "lat": float(case.latitude) if case.latitude is not None else None,
        "long": float(case.longitude) if case.longitude is not None else None,
        "media_url": "",
    }


def _public_cases() -> Any:
    return (ServiceCase.objects.filter(source__in=PUBLIC_SOURCES)
            .select_related("community", "assigned_grid", "assigned_department").prefetch_related("steps"))


def _date(value: str, name: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise Open311Error(400, _("%(name)s 应为 W3C 格式的时间，例如 2026-01-01T00:00:00Z。") % {"name": name}) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=LOCAL_TZ)


def _search(params: Any) -> list[ServiceCase]:
    cases = _public_cases()
    ids = [i.strip() for i in params.get("service_request_id", "").split(",") if i.strip()]
    if ids:
        valid = [i for i in ids if _is_uuid(i)]
        return list(cases.filter(public_id__in=valid).order_by("-received_at")[:MAX_RESULTS])
    codes = [c.strip() for c in params.get("service_code", "").split(",") if c.strip()]
    if codes:
        catalogue = services.case_catalogue()
        cases = cases.filter(category__in=[c.code for c in catalogue.categories if c.service_code in codes])
    end = _date(params["end_date"], "end_date") if params.get("end_date") else timezone.now()
    start = _date(params["start_date"], "start_date") if params.get("start_date") else end - timedelta(days=DEFAULT_DAYS)
    cases = cases.filter(received_at__gte=start, received_at__lte=end)
    statuses = {s.strip() for s in params.get("status", "").split(",") if s.strip()}
    done = [s.value for s in DONE_STATES]
    if statuses - {"open", "closed"}:
        raise Open311Error(400, _("status 只能是 open 或 closed。"))
    if statuses == {"open"}:
        cases = cases.exclude(state__in=done)
    elif statuses == {"closed"}:
        cases = cases.filter(state__in=done)
    return list(cases.order_by("-received_at", "-pk")[:MAX_RESULTS])


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def _key(params: Any) -> ApiKey:
    key = params.get("api_key", "").strip()
    found: ApiKey | None = (ApiKey.objects.select_related("street").filter(key_hash=services.api_key_digest(key),
                                                                           active=True).first() if key else None)
    if found is None:
        raise Open311Error(403, _("api_key 无效或缺失。"))
    return found


def _coordinate(params: Any, name: str, limit: int) -> Decimal | None:
    raw = params.get(name, "").strip()
    if not raw:
        return None
    try:
        value = Decimal(raw).quantize(Decimal("0.000001"))
    except InvalidOperation:
        raise Open311Error(400, _("%(name)s 应为数字。") % {"name": name}) from None
    if not -limit <= value <= limit:
        raise Open311Error(400, _("%(name)s 超出范围。") % {"name": name})
    return value


def _community_for(street: Organization, address: str) -> Organization:
    grids = Grid.objects.filter(community__path__startswith=street.path).select_related("community")
    for grid in grids.only("addresses", "community__path", "community__name", "community__level",
                           "community__code"):
        if address and any(isinstance(a, str) and a and a in address for a in grid.addresses or []):
            return grid.community
    first = Organization.objects.filter(Q(path__startswith=street.path), level="organization").order_by("path").first()
    if first is None:
        raise Open311Error(400, _("本街道尚无社区，无法受理。"))
    return first


def _create(request: HttpRequest, fmt: str) -> HttpResponse:
    params = request.POST
    key = _key(params)
    category = services.case_catalogue().by_service_code(params.get("service_code", "").strip())
    if category is None:
        raise Open311Error(400, _("service_code 无效。"))
    lat, long = _coordinate(params, "lat", 90), _coordinate(params, "long", 180)
    address = params.get("address_string", "").strip()[:200]
    if (lat is None or long is None) and not address:
        raise Open311Error(400, _("须提供 lat/long 或 address_string。"))
    description = params.get("description", "").strip()
    if not description:
        raise Open311Error(400, _("description 不能为空。"))
    name = " ".join(p for p in (params.get("last_name", "").strip(), params.get("first_name", "").strip()) if p)
    contact = params.get("phone", "").strip() or params.get("email", "").strip()
    try:
        case = services.case_open(
            community=_community_for(key.street, address), category=category.code, title=f"{category.name}：{description[:20]}",
            description=description, source=CaseSource.OPEN311, address=address, latitude=lat, longitude=long,
            reporter_name=name, reporter_contact=contact, request=request)
    except services.CaseError as error:
        raise Open311Error(400, str(error)) from None
    notice = _("已受理，案件编号 %(number)s。") % {"number": case.number}
    return _answer(fmt, "service_requests", "request",
                   [{"service_request_id": str(case.public_id), "service_notice": notice, "account_id": None}])


@csrf_exempt  # clients authenticate with api_key, not a session
@require_http_methods(["GET", "POST"])
@_handled
def requests_list(request: HttpRequest, *, fmt: str) -> HttpResponse:
    if request.method == "POST":
        return _create(request, fmt)
    return _answer(fmt, "service_requests", "request", [request_row(c) for c in _search(request.GET)])


@require_GET
@_handled
def request_detail(request: HttpRequest, request_id: str, *, fmt: str) -> HttpResponse:
    case = _public_cases().filter(public_id=request_id).first() if _is_uuid(request_id) else None
    if case is None:
        raise Open311Error(404, _("service_request_id 不存在。"))
    return _answer(fmt, "service_requests", "request", [request_row(case)])
