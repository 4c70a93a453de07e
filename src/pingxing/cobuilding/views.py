"""结对共建 pages (phone-first): contracts, a contract with its items, deliveries, evidence and
reviews, the street's overview, and the public summary (no login, no contact details)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pingxing.cobuilding import access, permissions, queries, services
from pingxing.cobuilding.forms import ContractForm, DeliveryForm, ItemForm, PartnerForm, ReviewForm
from pingxing.cobuilding.models import Contract, ContractState, Partner
from pingxing.core.access import deny, parse_id
from pingxing.core.http import AuthenticatedHttpRequest, actor_of
from pingxing.orgs.access import visible_outside_units
from pingxing.orgs.models import Organization


def _year(request: HttpRequest) -> int:
    year = parse_id(request.GET.get("year", ""))
    return year if 2000 <= year <= 2100 else timezone.localdate().year


@login_required
def contract_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    actor = actor_of(request.user)
    if not permissions.can_browse_cobuilding(actor):
        deny(request.user, "cobuilding.contract", "list", request)
    year = _year(request)
    rows, _counts, _rate = queries.overview(access.visible_contracts(request.user), year=year)
    return render(request, "cobuilding/contracts.html", {
        "rows": rows, "year": year, "can_add": permissions.can_add_contracts(actor), "form": ContractForm(),
        "can_overview": permissions.can_see_overview(actor)})


@login_required
@require_POST
def contract_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    actor = actor_of(request.user)
    if not permissions.can_add_contracts(actor) or request.user.organization is None:
        deny(request.user, "cobuilding.contract", "new", request)
    form = ContractForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            contract = services.contract_create(organization=request.user.organization, title=d["title"],
                                                period_start=d["period_start"], period_end=d["period_end"],
                                                signed_on=d["signed_on"], by=request.user, request=request)
            messages.success(request, _("已新增共建协议。"))
            return redirect("cobuilding:contract", contract.pk)
        except services.CobuildingError as exc:
            form.add_error(None, str(exc))
    return render(request, "cobuilding/contracts.html", {"rows": [], "year": _year(request), "can_add": True,
                                                         "form": form}, status=400)


def _detail(request: AuthenticatedHttpRequest, contract: Contract, status: int = 200,
            error: str = "") -> HttpResponse:
    actor = actor_of(request.user)
    facts = access.contract_facts(contract)
    contract = queries.with_details(Contract.objects.filter(pk=contract.pk)).get()
    year = _year(request)
    sides = [(None, contract.organization.name, None)] + [(p, p.name, p.organization_id)
                                                           for p in contract.partners.all()]
    reviews = {r.side: r for r in contract.reviews.all() if r.year == year}
    side_rows = [{"partner": p, "name": n, "review": reviews.get(p.side if p else permissions.ORG_SIDE),
                  "can_sign": permissions.can_sign_side(actor, facts, side_org_id=o if p else contract.organization_id)}
                 for p, n, o in sides]
    can_edit = permissions.can_edit_contract(actor, facts)
    return render(request, "cobuilding/contract.html", {
        "contract": contract, "year": year, "error": error, "can_edit": can_edit,
        "areas": queries.items_by_area(contract, today=timezone.localdate()),
        "status_label": queries.STATUS_LABELS[queries.status_of(contract, year)], "sides": side_rows,
        "units": visible_outside_units(request.user).filter(street__path__startswith=contract.organization.path[
            : contract.organization.path.rstrip("/").rfind("/") + 1]) if can_edit else [],
        "item_form": ItemForm(), "delivery_form": DeliveryForm(), "review_form": ReviewForm(initial={"year": year}),
    }, status=status)


@login_required
def contract_detail(request: AuthenticatedHttpRequest, contract_id: int) -> HttpResponse:
    return _detail(request, access.get_contract_for_user(request.user, contract_id, request=request))


def _partner(contract: Contract, value: Any) -> Partner | None:
    pk = parse_id(value)
    if not pk:
        return None
    partner = contract.partners.filter(pk=pk).first()
    if partner is None:
        raise services.CobuildingError(_("所选单位不属于本协议。"))
    return partner


def _post(request: AuthenticatedHttpRequest, contract_id: int, form_class: Any, write: Any,
          check: Any = permissions.can_edit_contract, files: Any = None) -> HttpResponse:
    contract = access.get_contract_for_user(request.user, contract_id, check=check, request=request)
    form = form_class(request.POST, files)
    if not form.is_valid():
        field, errs = next(iter(form.errors.items()))
        label = form.fields[field].label if field in form.fields else ""
        return _detail(request, contract, 400, f"{label}：{errs[0]}")
    try:
        messages.success(request, write(contract, form.cleaned_data))
    except services.CobuildingError as exc:
        return _detail(request, contract, 400, str(exc))
    return redirect("cobuilding:contract", contract.pk)


@login_required
@require_POST
def partner_new(request: AuthenticatedHttpRequest, contract_id: int) -> HttpResponse:
    def write(contract: Contract, d: dict[str, Any]) -> str:
        org = unit = None
        if d["organization"]:
            org = Organization.objects.filter(pk=parse_id(d["organization"])).first()
            if org is None:
                raise services.CobuildingError(_("共建组织不存在。"))
        if d["outside_unit"]:
            unit = visible_outside_units(request.user).filter(pk=parse_id(d["outside_unit"])).first()
            if unit is None:
                raise services.CobuildingError(_("驻区单位不存在。"))
        services.partner_add(contract=contract, organization=org, outside_unit=unit, by=request.user,
                             request=request)
        return _("已添加共建单位。")
    return _post(request, contract_id, PartnerForm, write)


@login_required
@require_POST
def item_new(request: AuthenticatedHttpRequest, contract_id: int) -> HttpResponse:
    def write(contract: Contract, d: dict[str, Any]) -> str:
        services.item_add(contract=contract, area=d["area"], content=d["content"],
                          responsible=_partner(contract, d["responsible"]), due_on=d["due_on"],
                          expected=d["expected"], by=request.user, request=request)
        return _("已添加共建事项。")
    return _post(request, contract_id, ItemForm, write)


@login_required
@require_POST
def delivery_new(request: AuthenticatedHttpRequest, contract_id: int, item_id: int) -> HttpResponse:
    def write(contract: Contract, d: dict[str, Any]) -> str:
        item = contract.items.filter(pk=parse_id(item_id)).first()
        if item is None:
            raise Http404
        upload = d["evidence"]
        if upload is not None and (problem := services.upload_problem(upload)):
            raise services.CobuildingError(problem)
        delivery = services.delivery_record(item=item, done_on=d["done_on"], text=d["text"],
                                            by_partner=_partner(contract, d["by_partner"]), by=request.user,
                                            request=request)
        if upload is not None:
            services.evidence_add(delivery=delivery, upload=upload, by=request.user, request=request)
        return _("已记录落实情况。")
    return _post(request, contract_id, DeliveryForm, write, files=request.FILES)


@login_required
@require_POST
def review_new(request: AuthenticatedHttpRequest, contract_id: int) -> HttpResponse:
    def write(contract: Contract, d: dict[str, Any]) -> str:
        services.review_sign(contract=contract, year=d["year"], partner=_partner(contract, d["partner"]),
                             verdict=d["verdict"], comment=d["comment"], signed_for=d["signed_for"],
                             by=request.user, request=request)
        return _("已签署评议。")
    return _post(request, contract_id, ReviewForm, write, check=permissions.can_read_contract)


@login_required
def evidence_file(request: AuthenticatedHttpRequest, evidence_id: int) -> FileResponse:
    evidence = access.get_evidence_for_user(request.user, evidence_id, request=request)
    return FileResponse(evidence.file.open("rb"), filename=evidence.original_name or None)


@login_required
def overview(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not permissions.can_see_overview(actor_of(request.user)):
        deny(request.user, "cobuilding.overview", "", request)
    year = _year(request)
    rows, counts, rate = queries.overview(access.visible_contracts(request.user), year=year)
    return render(request, "cobuilding/overview.html", {
        "rows": rows, "year": year, "rate": None if rate is None else round(rate * 100),
        "counts": [(queries.STATUS_LABELS[s], counts.get(s, 0))
                   for s in ("kept", "partly", "not_kept", "pending", "unreviewed")]})


def public(request: HttpRequest, contract_id: int) -> HttpResponse:
    contract = (queries.with_details(Contract.objects.exclude(state=ContractState.DRAFT))
                .filter(pk=parse_id(contract_id)).first())
    if contract is None:
        raise Http404
    year = _year(request)
    return render(request, "cobuilding/public.html", {
        "contract": contract, "year": year, "areas": queries.items_by_area(contract, today=timezone.localdate()),
        "status_label": queries.STATUS_LABELS[queries.status_of(contract, year)]})
