"""Access to cobuilding contracts and their evidence: object or 404."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Q, QuerySet

from pingxing.accounts.roles import ORG_STAFF_ROLES, Role
from pingxing.cobuilding import permissions
from pingxing.cobuilding.models import Contract, Evidence
from pingxing.cobuilding.permissions import ContractFacts
from pingxing.core.access import deny, parse_id
from pingxing.core.http import actor_of
from pingxing.core.scope import Actor

Check = Callable[[Actor, ContractFacts], bool]


def contract_facts(contract: Contract) -> ContractFacts:
    partner_orgs = frozenset(p.organization_id for p in contract.partners.all() if p.organization_id)
    return ContractFacts(org_path=contract.organization.path, org_id=contract.organization_id,
                         partner_org_ids=partner_orgs)


def get_contract_for_user(user: Any, contract_id: Any, *, check: Check = permissions.can_read_contract,
                          request: Any = None) -> Contract:
    contract: Contract | None = (Contract.objects.select_related("organization")
                                 .prefetch_related("partners").filter(pk=parse_id(contract_id)).first())
    if contract is None or not check(actor_of(user), contract_facts(contract)):
        deny(user, "cobuilding.contract", contract_id, request)
    return contract


def get_evidence_for_user(user: Any, evidence_id: Any, *, request: Any = None) -> Evidence:
    evidence: Evidence | None = (Evidence.objects.select_related("delivery__item__contract__organization")
                                 .filter(pk=parse_id(evidence_id)).first())
    if evidence is None or not permissions.can_read_contract(
            actor_of(user), contract_facts(evidence.delivery.item.contract)):
        deny(user, "cobuilding.evidence", evidence_id, request)
    return evidence


def visible_contracts(user: Any) -> QuerySet[Contract]:
    actor = actor_of(user)
    if actor.role == Role.COUNTY:
        return Contract.objects.all()
    if actor.role == Role.STREET and actor.org_path:
        return Contract.objects.filter(organization__path__startswith=actor.org_path)
    if actor.role in ORG_STAFF_ROLES and actor.org_id is not None:
        return Contract.objects.filter(Q(organization_id=actor.org_id)
                                       | Q(partners__organization_id=actor.org_id)).distinct()
    return Contract.objects.none()
