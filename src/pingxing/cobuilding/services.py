"""Every write of cobuilding records: atomic, audited in the same transaction, checked."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from pingxing.cobuilding import permissions
from pingxing.cobuilding.access import contract_facts
from pingxing.cobuilding.models import (
    Area,
    Contract,
    ContractItem,
    ContractState,
    Delivery,
    Evidence,
    Partner,
    Review,
    Verdict,
)
from pingxing.core.audit import AuditAction, audit_record
from pingxing.core.files import shortened_name, stored_name
from pingxing.core.http import actor_of
from pingxing.core.uploads import MAX_BYTES, PHOTOS_AND_PDF, upload_problem
from pingxing.orgs.models import Organization, OrgLevel, OutsideUnit
from pingxing.orgs.services import outside_unit_create


class CobuildingError(Exception):
    """A refused write; the message is for the user."""


def _require_edit(contract: Contract, by: Any) -> None:
    if not permissions.can_edit_contract(actor_of(by), contract_facts(contract)):
        raise CobuildingError(_("无权修改此共建协议。"))


def contract_create(*, organization: Organization, title: str, period_start: dt.date, period_end: dt.date,
                    signed_on: dt.date | None = None, by: Any, request: Any = None) -> Contract:
    title = (title or "").strip()
    if not title:
        raise CobuildingError(_("请填写协议名称。"))
    if period_end < period_start:
        raise CobuildingError(_("结束日期不能早于起始日期。"))
    facts = permissions.ContractFacts(org_path=organization.path, org_id=organization.pk)
    if not permissions.can_edit_contract(actor_of(by), facts):
        raise CobuildingError(_("无权为该组织签订共建协议。"))
    state = ContractState.ACTIVE if signed_on else ContractState.DRAFT
    with transaction.atomic():
        contract: Contract = Contract.objects.create(organization=organization, title=title[:100],
                                                     period_start=period_start, period_end=period_end,
                                                     signed_on=signed_on, state=state)
        audit_record(action=AuditAction.CREATE, user=by, obj=contract, organization=organization, request=request,
                     changes={"title": [None, contract.title], "state": [None, state]})
    return contract


def partner_add(*, contract: Contract, organization: Organization | None = None,
                outside_unit: OutsideUnit | None = None, by: Any, request: Any = None) -> Partner:
    _require_edit(contract, by)
    if (organization is None) == (outside_unit is None):
        raise CobuildingError(_("请选择一个共建组织或一个驻区单位。"))
    if organization is not None and organization.pk == contract.organization_id:
        raise CobuildingError(_("签约组织不能与自己结对。"))
    dup = contract.partners.filter(organization=organization) if organization else \
        contract.partners.filter(outside_unit=outside_unit)
    if dup.exists():
        raise CobuildingError(_("该单位已是本协议的共建单位。"))
    with transaction.atomic():
        partner: Partner = Partner.objects.create(contract=contract, organization=organization,
                                                  outside_unit=outside_unit)
        audit_record(action=AuditAction.CREATE, user=by, obj=partner, organization=contract.organization,
                     request=request, object_repr=partner.name, changes={"contract": [None, contract.pk]})
    return partner


def _partner_of(contract: Contract, partner: Partner | None) -> Partner | None:
    if partner is not None and partner.contract_id != contract.pk:
        raise CobuildingError(_("责任方不属于本协议。"))
    return partner


def item_add(*, contract: Contract, area: str, content: str, responsible: Partner | None = None,
             due_on: dt.date | None = None, expected: str = "", by: Any, request: Any = None) -> ContractItem:
    _require_edit(contract, by)
    if area not in Area.values:
        raise CobuildingError(_("请选择共建领域。"))
    content = (content or "").strip()
    if not content:
        raise CobuildingError(_("请填写共建事项。"))
    with transaction.atomic():
        item: ContractItem = ContractItem.objects.create(
            contract=contract, area=area, content=content[:200], responsible=_partner_of(contract, responsible),
            due_on=due_on, expected=(expected or "").strip()[:200])
        audit_record(action=AuditAction.CREATE, user=by, obj=item, organization=contract.organization,
                     request=request, changes={"area": [None, area], "content": [None, item.content]})
    return item


def delivery_record(*, item: ContractItem, done_on: dt.date, text: str, by_partner: Partner | None = None,
                    by: Any, request: Any = None) -> Delivery:
    contract = item.contract
    _require_edit(contract, by)
    text = (text or "").strip()
    if not text:
        raise CobuildingError(_("请填写落实情况。"))
    with transaction.atomic():
        delivery: Delivery = Delivery.objects.create(item=item, done_on=done_on, text=text[:500],
                                                     by_partner=_partner_of(contract, by_partner),
                                                     recorded_by=by if getattr(by, "pk", None) else None)
        audit_record(action=AuditAction.CREATE, user=by, obj=delivery, organization=contract.organization,
                     request=request, changes={"item": [None, item.pk], "done_on": [None, done_on.isoformat()]})
    return delivery


def evidence_add(*, delivery: Delivery, upload: Any, by: Any, request: Any = None) -> Evidence:
    contract = delivery.item.contract
    _require_edit(contract, by)
    problem = upload_problem(upload, allowed=PHOTOS_AND_PDF, max_bytes=MAX_BYTES)
    if problem:
        raise CobuildingError(problem)
    original = shortened_name(upload.name, 200)
    upload.name = stored_name(upload.name)
    with transaction.atomic():
        evidence: Evidence = Evidence.objects.create(delivery=delivery, file=upload, original_name=original)
        audit_record(action=AuditAction.CREATE, user=by, obj=evidence, organization=contract.organization,
                     request=request, changes={"delivery": [None, delivery.pk]})
    return evidence


def review_sign(*, contract: Contract, year: int, partner: Partner | None, verdict: str, comment: str = "",
                signed_for: str = "", by: Any, request: Any = None) -> Review:
    """One side's review of a year: the signing organization (partner=None) or a partner. An outside
    unit has no login: the street or the organization records it with its contact's name."""
    partner = _partner_of(contract, partner)
    side_org_id = contract.organization_id if partner is None else partner.organization_id
    if not permissions.can_sign_side(actor_of(by), contract_facts(contract), side_org_id=side_org_id):
        raise CobuildingError(_("无权代表该方签署评议。"))
    if verdict not in Verdict.values:
        raise CobuildingError(_("请选择评议结果。"))
    signed_for = (signed_for or "").strip()[:50]
    if partner is not None and partner.outside_unit_id and not signed_for:
        raise CobuildingError(_("请填写驻区单位签字人姓名。"))
    side = permissions.ORG_SIDE if partner is None else partner.side
    with transaction.atomic():
        review: Review
        review, _created = Review.objects.update_or_create(
            contract=contract, year=year, side=side,
            defaults={"verdict": verdict, "comment": (comment or "").strip()[:500], "signed_for": signed_for,
                      "signed_by": by if getattr(by, "pk", None) else None})
        audit_record(action=AuditAction.UPDATE, user=by, obj=review, organization=contract.organization,
                     request=request, changes={"side": [None, side], "verdict": [None, verdict]})
    return review


def outside_unit_register(*, street: Organization, name: str, category: str = "", contact_name: str = "",
                          contact_phone: str = "", by: Any, request: Any = None) -> OutsideUnit:
    if street.level != OrgLevel.STREET:
        raise CobuildingError(_("驻区单位须登记在街道。"))
    actor = actor_of(by)
    if not permissions.can_see_overview(actor) or not street.path.startswith(actor.org_path):
        raise CobuildingError(_("无权在该街道登记驻区单位。"))
    return outside_unit_create(street=street, name=name, category=category, contact_name=contact_name,
                               contact_phone=contact_phone, by=by, request=request)
