"""Pages of pioneer pledges: 我的承诺 (the member, phone first), the organization's list and a
member's sheet (review, mid-year check, fulfilments, year-end evaluation), and the public list
of an organization's published pledges (no login)."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pingxing.core.access import parse_id
from pingxing.core.audit import AuditAction, audit_record
from pingxing.core.excel import Column, build_workbook, workbook_response
from pingxing.core.http import AuthenticatedHttpRequest, actor_of
from pingxing.core.steps import run_write, year_of
from pingxing.orgs.models import Organization
from pingxing.pledges import permissions, queries, services
from pingxing.pledges.access import (
    facts_of,
    get_fulfilment_for_user,
    get_item_for_user,
    get_sheet_for_user,
    visible_sheets,
)
from pingxing.pledges.forms import CheckForm, FulfilmentForm, ItemForm, ScoreForm, YearForm
from pingxing.pledges.models import PledgeArea, PledgeSheet
from pingxing.pledges.services import PledgeError

_done = partial(run_write, refusals=(PledgeError,))  # one write: message, then back


def _sheet_page(sheet: PledgeSheet, user: Any) -> str:
    if permissions.is_owner(actor_of(user), facts_of(sheet)):
        return reverse("pledges:mine") + f"?year={sheet.year}"
    return reverse("pledges:sheet", args=[sheet.pk])


def _sheet_context(sheet: PledgeSheet) -> dict[str, Any]:
    sheet = queries.with_items(PledgeSheet.objects.filter(pk=sheet.pk)).select_related("member", "organization").get()
    return {"sheet": sheet, "items": list(sheet.items.all()), "score": queries.score_of(sheet),
            "weights": queries.weights(),
            "democratic": queries.democratic_evaluation(member_id=sheet.member_id, year=sheet.year)}


@login_required
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    """我的承诺 for a member; the organization's (or subtree's) sheets for staff."""
    year = year_of(request)
    context: dict[str, Any] = {"year": year, "areas": PledgeArea.choices}
    member = getattr(request.user, "member", None)
    context["member"] = member
    sheet = PledgeSheet.objects.filter(member=member, year=year).first() if member is not None else None
    if sheet is not None:
        context.update(_sheet_context(sheet), item_form=ItemForm(), fulfilment_form=FulfilmentForm(),
                       score_form=ScoreForm(initial={"score": sheet.self_score, "text": sheet.self_text}),
                       peers=queries.peers_to_rate(member=member, year=year))
    context["sheets"] = queries.staff_list(visible_sheets(request.user), year=year)
    # The public list exists for Party organizations only (not for an office or a street).
    own = request.user.organization
    context["public_org_id"] = own.pk if own is not None and own.level == "organization" else None
    return render(request, "pledges/index.html", context)


@login_required
def sheet_export(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The staff list of a year as an Excel table; audited."""
    year = year_of(request)
    rows = queries.export_rows(visible_sheets(request.user), year=year)
    audit_record(action=AuditAction.EXPORT, user=request.user, object_type="pledges.sheet",
                 changes={"year": [None, year], "rows": [None, len(rows)]}, request=request)
    wb = build_workbook(_("党员先锋承诺"), [Column(h) for h in queries.EXPORT_HEADERS], rows)
    return workbook_response(wb, f"党员先锋承诺-{year}.xlsx")


@login_required
@require_POST
def sheet_start(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A member starts writing their pledges of a year (the sheet is created once)."""
    member = getattr(request.user, "member", None)
    if member is None:
        raise Http404
    form = YearForm(request.POST)
    year = (form.cleaned_data.get("year") if form.is_valid() else None) or timezone.localdate().year
    services.sheet_for_member(member=member, year=year, by=request.user, request=request)
    return redirect(reverse("pledges:mine") + f"?year={year}")


@login_required
def sheet_detail(request: AuthenticatedHttpRequest, sheet_id: int) -> HttpResponse:
    sheet = get_sheet_for_user(request.user, sheet_id, request=request)
    actor = actor_of(request.user)
    context = _sheet_context(sheet)
    context.update(can_review=permissions.can_review_pledges(actor, facts_of(sheet)), check_form=CheckForm(),
                   score_form=ScoreForm(initial={"score": sheet.org_score, "text": sheet.org_note}))
    return render(request, "pledges/sheet.html", context)


@login_required
@require_POST
def item_add(request: AuthenticatedHttpRequest, sheet_id: int) -> HttpResponse:
    sheet = get_sheet_for_user(request.user, sheet_id, check=permissions.can_edit_pledges, request=request)

    def write() -> str:
        form = ItemForm(request.POST)
        if not form.is_valid():
            raise PledgeError(_("请填写承诺领域、承诺内容和完成时限。"))
        services.item_add(sheet=sheet, by=request.user, request=request, **form.cleaned_data)
        return _("已添加承诺事项。")
    return _done(request, write, _sheet_page(sheet, request.user))


@login_required
@require_POST
def item_remove(request: AuthenticatedHttpRequest, item_id: int) -> HttpResponse:
    item = get_item_for_user(request.user, item_id, check=permissions.can_edit_pledges, request=request)

    def write() -> str:
        services.item_remove(item=item, by=request.user, request=request)
        return _("已删除承诺事项。")
    return _done(request, write, _sheet_page(item.sheet, request.user))


@login_required
@require_POST
def sheet_submit(request: AuthenticatedHttpRequest, sheet_id: int) -> HttpResponse:
    sheet = get_sheet_for_user(request.user, sheet_id, check=permissions.can_edit_pledges, request=request)

    def write() -> str:
        services.sheet_submit(sheet=sheet, by=request.user, request=request)
        return _("承诺已提交党组织审核。")
    return _done(request, write, _sheet_page(sheet, request.user))


@login_required
@require_POST
def sheet_review(request: AuthenticatedHttpRequest, sheet_id: int) -> HttpResponse:
    """审核: approve, return with a reason, or publish (field `action`)."""
    sheet = get_sheet_for_user(request.user, sheet_id, check=permissions.can_review_pledges, request=request)
    action = request.POST.get("action", "")

    def write() -> str:
        if action == "approve":
            services.sheet_approve(sheet=sheet, by=request.user, request=request)
            return _("承诺已审核通过。")
        if action == "return":
            services.sheet_return(sheet=sheet, reason=request.POST.get("reason", ""), by=request.user, request=request)
            return _("承诺已退回。")
        if action == "publish":
            services.sheet_publish(sheet=sheet, by=request.user, request=request)
            return _("承诺已公开。")
        raise PledgeError(_("请选择审核操作。"))
    return _done(request, write, reverse("pledges:sheet", args=[sheet.pk]))


@login_required
@require_POST
def fulfilment_add(request: AuthenticatedHttpRequest, item_id: int) -> HttpResponse:
    item = get_item_for_user(request.user, item_id, check=permissions.can_record_fulfilment, request=request)

    def write() -> str:
        form = FulfilmentForm(request.POST)
        if not form.is_valid():
            raise PledgeError(_("请填写践诺日期和践诺情况。"))
        services.fulfilment_add(item=item, done_on=form.cleaned_data["done_on"], text=form.cleaned_data["text"],
                                upload=request.FILES.get("evidence"), by=request.user, request=request)
        return _("践诺记录已提交，待党组织审核。")
    return _done(request, write, _sheet_page(item.sheet, request.user))


@login_required
@require_POST
def fulfilment_review(request: AuthenticatedHttpRequest, fulfilment_id: int) -> HttpResponse:
    fulfilment = get_fulfilment_for_user(request.user, fulfilment_id, check=permissions.can_review_pledges,
                                         request=request)
    approve = request.POST.get("action") == "approve"

    def write() -> str:
        services.fulfilment_review(fulfilment=fulfilment, approve=approve, note=request.POST.get("note", ""),
                                   by=request.user, request=request)
        return _("践诺记录已认定。") if approve else _("践诺记录已退回。")
    return _done(request, write, reverse("pledges:sheet", args=[fulfilment.item.sheet_id]))


@login_required
def fulfilment_file(request: AuthenticatedHttpRequest, fulfilment_id: int) -> FileResponse:
    fulfilment = get_fulfilment_for_user(request.user, fulfilment_id, request=request)
    if not fulfilment.evidence:
        raise Http404
    return FileResponse(fulfilment.evidence.open("rb"), filename=fulfilment.original_name or None)


@login_required
@require_POST
def item_check(request: AuthenticatedHttpRequest, item_id: int) -> HttpResponse:
    item = get_item_for_user(request.user, item_id, check=permissions.can_review_pledges, request=request)

    def write() -> str:
        services.item_check(item=item, status=request.POST.get("status", ""), note=request.POST.get("note", ""),
                            by=request.user, request=request)
        return _("已记录年中检查。")
    return _done(request, write, reverse("pledges:sheet", args=[item.sheet_id]))


@login_required
@require_POST
def self_evaluate(request: AuthenticatedHttpRequest, sheet_id: int) -> HttpResponse:
    sheet = get_sheet_for_user(request.user, sheet_id, check=permissions.can_record_fulfilment, request=request)

    def write() -> str:
        services.self_evaluate(sheet=sheet, score=request.POST.get("score"), text=request.POST.get("text", ""),
                               by=request.user, request=request)
        return _("自评已保存。")
    return _done(request, write, _sheet_page(sheet, request.user))


@login_required
@require_POST
def org_evaluate(request: AuthenticatedHttpRequest, sheet_id: int) -> HttpResponse:
    sheet = get_sheet_for_user(request.user, sheet_id, check=permissions.can_review_pledges, request=request)

    def write() -> str:
        services.org_evaluate(sheet=sheet, score=request.POST.get("score"), note=request.POST.get("text", ""),
                              by=request.user, request=request)
        return _("组织评价已保存。")
    return _done(request, write, reverse("pledges:sheet", args=[sheet.pk]))


@login_required
@require_POST
def peer_rate(request: AuthenticatedHttpRequest, sheet_id: int) -> HttpResponse:
    sheet = get_sheet_for_user(request.user, sheet_id, check=permissions.can_rate_peer, request=request)

    def write() -> str:
        services.peer_rate(sheet=sheet, rater=request.user.member, score=request.POST.get("score"),
                           by=request.user, request=request)
        return _("互评分已提交。")
    return _done(request, write, reverse("pledges:mine") + f"?year={sheet.year}#peers")


def public(request: HttpRequest, org_id: int) -> HttpResponse:
    """亮承诺: an organization's published pledges of the year, names and texts only (no login)."""
    org = Organization.objects.filter(pk=parse_id(org_id), level="organization").first()
    if org is None:
        raise Http404
    year = year_of(request)
    return render(request, "pledges/public.html",
                  {"org": org, "year": year, "sheets": queries.public_sheets(org_id=org.pk, year=year)})
