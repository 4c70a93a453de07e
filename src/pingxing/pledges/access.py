"""Access to pledge sheets: the one place a predicate becomes an object, a queryset or a 404."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet

from pingxing.core.access import deny, parse_id
from pingxing.core.http import actor_of
from pingxing.core.scope import Actor
from pingxing.pledges import permissions
from pingxing.pledges.models import Fulfilment, PledgeItem, PledgeSheet
from pingxing.pledges.permissions import SheetFacts

Check = Callable[[Actor, SheetFacts], bool]


def facts_of(sheet: PledgeSheet) -> SheetFacts:
    return SheetFacts(member_id=sheet.member_id, org_id=sheet.organization_id, org_path=sheet.organization.path,
                      state=sheet.state)


def visible_sheets(user: Any) -> QuerySet[PledgeSheet]:
    """The sheets the user reviews (own organization) or oversees (street, county subtree)."""
    actor = actor_of(user)
    base = PledgeSheet.objects.select_related("organization", "member")
    if actor.role in permissions.REVIEWING_ROLES and actor.org_id:
        return base.filter(organization_id=actor.org_id)
    if actor.role in permissions.OVERSEEING_ROLES and actor.org_path:
        return base.filter(organization__path__startswith=actor.org_path)
    return base.none()


def get_sheet_for_user(user: Any, sheet_id: Any, *, check: Check = permissions.can_read_pledges,
                       request: Any = None) -> PledgeSheet:
    """The sheet if `check` allows the user (reading by default); else an audited 404."""
    sheet: PledgeSheet | None = PledgeSheet.objects.select_related("organization", "member").filter(pk=parse_id(sheet_id)).first()
    if sheet is None or not check(actor_of(user), facts_of(sheet)):
        deny(user, "pledges.sheet", sheet_id, request)
    return sheet


def get_item_for_user(user: Any, item_id: Any, *, check: Check, request: Any = None) -> PledgeItem:
    item: PledgeItem | None = PledgeItem.objects.select_related("sheet__organization").filter(pk=parse_id(item_id)).first()
    if item is None or not check(actor_of(user), facts_of(item.sheet)):
        deny(user, "pledges.item", item_id, request)
    return item


def get_fulfilment_for_user(user: Any, fulfilment_id: Any, *, check: Check = permissions.can_read_pledges,
                            request: Any = None) -> Fulfilment:
    fulfilment: Fulfilment | None = (Fulfilment.objects.select_related("item__sheet__organization")
                  .filter(pk=parse_id(fulfilment_id)).first())
    if fulfilment is None or not check(actor_of(user), facts_of(fulfilment.item.sheet)):
        deny(user, "pledges.fulfilment", fulfilment_id, request)
    return fulfilment
