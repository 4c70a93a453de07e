"""Access to the care fund's records: the one place an id becomes an object, a queryset or a 404
(the same 404 for a missing id and somebody else's)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Q, QuerySet

from pingxing.carefund import permissions
from pingxing.carefund.models import Application, Fund, HardshipRecord, Posting
from pingxing.carefund.permissions import OrgFacts
from pingxing.core.access import deny, parse_id, reach_q
from pingxing.core.http import actor_of
from pingxing.core.scope import Actor
from pingxing.members.models import Member

Check = Callable[[Actor, OrgFacts], bool]


def org_facts(org: Any) -> OrgFacts:
    return OrgFacts(org_path=org.path, org_id=org.pk)


def get_fund_for_user(user: Any, fund_id: Any, *, request: Any = None) -> Fund:
    """A fund its office keeps (street of the fund, county above)."""
    fund: Fund | None = Fund.objects.select_related("organization").filter(pk=parse_id(fund_id)).first()
    if fund is None or not permissions.can_read_fund(actor_of(user), org_facts(fund.organization)):
        deny(user, "carefund.fund", fund_id, request)
    return fund


def get_posting_for_user(user: Any, fund: Fund, posting_id: Any, *, request: Any = None) -> Posting:
    """A posting of a fund the user already reached through ``get_fund_for_user``."""
    posting: Posting | None = (Posting.objects.select_related("fund__organization", "reverses")
                               .filter(pk=parse_id(posting_id), fund=fund).first())
    if posting is None:
        deny(user, "carefund.posting", posting_id, request)
    return posting


def get_record_for_user(user: Any, record_id: Any, *, check: Check = permissions.can_read,
                        request: Any = None) -> HardshipRecord:
    record: HardshipRecord | None = (HardshipRecord.objects.select_related("member", "organization")
                                     .filter(pk=parse_id(record_id)).first())
    if record is None or not check(actor_of(user), org_facts(record.organization)):
        deny(user, "carefund.hardship", record_id, request)
    return record


def get_application_for_user(user: Any, app_id: Any, *, request: Any = None) -> Application:
    """An application of a member the user reads, or of a fund the user keeps."""
    app: Application | None = (Application.objects
                               .select_related("fund__organization", "member__organization", "hardship", "payout",
                                               "proposed_by", "reviewed_by", "approved_by")
                               .filter(pk=parse_id(app_id)).first())
    actor = actor_of(user)
    if app is None or not (permissions.can_read(actor, org_facts(app.member.organization))
                           or permissions.can_read_fund(actor, org_facts(app.fund.organization))):
        deny(user, "carefund.app", app_id, request)
    return app


def get_member_for_user(user: Any, member_id: Any, *, request: Any = None) -> Member:
    """A member the user may register or propose for."""
    member: Member | None = Member.objects.select_related("organization").filter(pk=parse_id(member_id)).first()
    if member is None or not permissions.can_register(actor_of(user), org_facts(member.organization)):
        deny(user, "carefund.member", member_id, request)
    return member


def visible_funds(user: Any) -> QuerySet[Fund]:
    """Funds the user keeps (office staff)."""
    actor = actor_of(user)
    if actor.role not in ("street", "county") or not actor.org_path:
        return Fund.objects.none()
    return Fund.objects.filter(organization__path__startswith=actor.org_path).select_related("organization")


def funds_covering(org: Any) -> QuerySet[Fund]:
    """The funds an organization's members may apply to: kept by the organization or an office above."""
    parts = [p for p in str(org.path).split("/") if p]
    paths = ["/" + "/".join(parts[:i]) + "/" for i in range(1, len(parts) + 1)]
    return Fund.objects.filter(organization__path__in=paths).select_related("organization")


def visible_records(user: Any) -> QuerySet[HardshipRecord]:
    reach = permissions.read_reach(actor_of(user))
    records: QuerySet[HardshipRecord] = HardshipRecord.objects.filter(
        reach_q(reach, path="organization__path", org="organization_id"))
    return records


def visible_applications(user: Any) -> QuerySet[Application]:
    reach = permissions.read_reach(actor_of(user))
    mine = reach_q(reach, path="member__organization__path", org="member__organization_id")
    kept = Q(fund__in=visible_funds(user))
    apps: QuerySet[Application] = Application.objects.filter(mine | kept)
    return apps


def registrable_members(user: Any) -> QuerySet[Member]:
    reach = permissions.register_reach(actor_of(user))
    members: QuerySet[Member] = Member.objects.filter(
        reach_q(reach, path="organization__path", org="organization_id")).select_related("organization")
    return members
