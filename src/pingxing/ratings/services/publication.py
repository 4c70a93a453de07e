"""Public notice (公示), objections (异议) and publication (发文公布)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from pingxing.core.audit import AuditAction, audit_record
from pingxing.core.http import ActingUser
from pingxing.ratings import issuing, queries, workflow
from pingxing.ratings.models import (
    CadreBasePay,
    Objection,
    Publication,
    RatingCase,
    StarPolicy,
    StarResult,
)
from pingxing.ratings.services.campaign import CASES, CaseChanged, case_step
from pingxing.ratings.workflow import CaseState, Part

# Anyone may object without an account; these limits keep a script from flooding the list.
OBJECTIONS_PER_CLIENT_PER_HOUR = 5
MIN_SECONDS_ON_FORM = 3
OBJECTION_LOCK_PREFIX = "pingxing.ratings.objection:"


class ObjectionRefused(Exception):
    """The objection was not accepted; the message is for the visitor (zh-hans)."""


def client_digest(ip_address: str) -> str:
    """A keyed hash of the visitor's address: enough for rate limits, useless to anyone else."""
    return hmac.new(settings.SECRET_KEY.encode(), ip_address.encode(), hashlib.sha256).hexdigest()


# A receipt is read off a phone and typed again: no look-alike characters, in groups of four.
RECEIPT_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
RECEIPT_LENGTH = 12  # about 59 bits: not guessable, even by a script


def receipt_digest(code: str) -> str:
    """The keyed digest stored for a receipt code (as typed: case, spaces and dashes ignored)."""
    plain = "".join(c for c in code.upper() if c in RECEIPT_ALPHABET)
    return hmac.new(settings.SECRET_KEY.encode(), f"receipt:{plain}".encode(), hashlib.sha256).hexdigest()


def _new_receipt() -> str:
    raw = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(RECEIPT_LENGTH))
    return "-".join(raw[i:i + 4] for i in range(0, RECEIPT_LENGTH, 4))


def _lock_client(digest: str) -> None:
    """Serialize objection filing of one client until the transaction ends."""
    connection = transaction.get_connection()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"{OBJECTION_LOCK_PREFIX}{digest}"])


def objection_file(*, case: RatingCase, contact: str, text: str, ip_address: str, name: str = "") -> Objection:
    """File an objection against a case on public notice. The returned objection carries its
    receipt code (`receipt_code`, shown to the objector once; only its digest is stored)."""
    if case.state != CaseState.ON_NOTICE:
        raise ObjectionRefused(_("该组织不在公示期内，不能提出异议。"))
    if not contact.strip() or not text.strip():
        raise ObjectionRefused(_("请填写联系方式和异议内容。"))
    digest = client_digest(ip_address)
    # Count and insert under one lock per client, so simultaneous posts cannot all pass the
    # count: on PostgreSQL a transaction-scoped advisory lock on the digest; SQLite's
    # IMMEDIATE transactions (settings) already take the write lock at BEGIN.
    with transaction.atomic():
        _lock_client(digest)
        since = timezone.now() - timedelta(hours=1)
        if Objection.objects.filter(client_digest=digest, filed_at__gte=since).count() >= OBJECTIONS_PER_CLIENT_PER_HOUR:
            raise ObjectionRefused(_("提交过于频繁，请一小时后再试。"))
        receipt = _new_receipt()
        objection: Objection = Objection.objects.create(
            case=case, name=name.strip()[:50], contact=contact.strip()[:100], text=text.strip()[:5000],
            client_digest=digest, receipt_digest=receipt_digest(receipt),
        )
        objection.receipt_code = receipt
        audit_record(action=AuditAction.CREATE, obj=objection, object_repr=f"异议 {case}",
                     organization=case.organization, changes={"case": [None, case.pk]})
    return objection


def objection_respond(*, objection: Objection, response: str, upheld: bool, by: ActingUser) -> Objection:
    """Record the county's response; an upheld objection sends the case back to acceptance."""
    if not response.strip():
        raise workflow.WorkflowError(_("须填写处理意见。"))
    with transaction.atomic():
        case = objection.case
        CASES.lock(case)
        updated = Objection.objects.filter(pk=objection.pk, responded_at__isnull=True).update(
            response=response.strip(), upheld=upheld, responded_by=by, responded_at=timezone.now()
        )
        if updated != 1:
            raise CaseChanged()
        objection.refresh_from_db()
        audit_record(action=AuditAction.UPDATE, user=by, obj=objection, object_repr=f"异议 {case}",
                     changes={"upheld": [None, upheld]})
        if upheld:
            case_step(case=case, action="uphold_objection", part=Part.COUNTY, by=by,
                      reason=f"异议成立：{response.strip()}")
    return objection


def notice_close(*, case: RatingCase, by: ActingUser, today: date | None = None) -> RatingCase:
    """End the notice once the period is over and every objection has an answer."""
    today = today or timezone.localdate()
    if case.notice_ends_on is None or today <= case.notice_ends_on:
        raise workflow.WorkflowError(
            _("公示期至%(date)s结束，期满后方可办理。") % {"date": case.notice_ends_on}
        )
    if case.objections.filter(responded_at__isnull=True).exists():
        raise workflow.WorkflowError(_("尚有异议未处理，处理后方可结束公示。"))
    with transaction.atomic():
        CASES.lock(case)
        case_step(case=case, action="close_notice", part=Part.COUNTY, by=by)
    return case


def campaign_publish(
    *, campaign: Any, doc_number: str, title: str, issued_on: date, by: ActingUser, today: date | None = None
) -> Publication:
    """发文公布: every approved case, and every case whose notice is over, becomes a result.

    Cases still on notice are closed first when their period has ended and every
    objection has its answer; the others wait for a later document.
    """
    with transaction.atomic():
        today = today or timezone.localdate()
        for case in queries.cases_to_publish(campaign, today):
            if case.state == CaseState.ON_NOTICE:
                notice_close(case=case, by=by, today=today)
        cases = queries.publishable_cases(campaign)
        if not cases:
            raise workflow.WorkflowError(_("没有可发文公布的评定结果。"))
        batch = (campaign.publications.aggregate(n=Max("batch"))["n"] or 0) + 1
        issuer = issuing.issuer_for(by.organization, doc_number, issued_on) if by.organization else None
        publication: Publication = Publication.objects.create(
            campaign=campaign, doc_number=doc_number.strip(), title=title.strip(), issued_on=issued_on,
            published_by=by, batch=batch, issuer_mark=issuer.mark if issuer else "",
            issuer_name=issuer.name if issuer else "", printer=issuer.printer if issuer else "",
        )
        previous = dict(
            StarResult.objects.filter(year=campaign.year - 1, organization__in=[c.organization for c in cases])
            .values_list("organization_id", "star")
        )
        # 结果运用 is frozen with the result: later edits of the policy never change this year.
        policies = {p.star: p for p in StarPolicy.objects.all()}
        base_pays = dict(
            CadreBasePay.objects.filter(year=campaign.year, organization__in=[c.organization for c in cases])
            .values_list("organization_id", "base_pay")
        )
        for case in cases:
            CASES.lock(case)
            star = case.final_star if case.final_star is not None else case.assessed_star
            sheet = case.sheets.order_by("-number").first()
            prior = previous.get(case.organization_id)
            StarResult.objects.create(
                organization=case.organization, year=campaign.year, star=star, previous_star=prior,
                case=case, publication=publication, standard_id=campaign.standard_id,
                standard_version=campaign.standard_version,
                blocking_conditions=sheet.blocking_conditions if sheet else [],
                downgrade_reasons=_downgrade_reasons(sheet, prior, star),
                **_frozen_pay(policies.get(star), base_pays.get(case.organization_id)),
            )
            case_step(case=case, action="publish", part=Part.COUNTY, by=by, final_star=star)
        audit_record(action=AuditAction.CREATE, user=by, obj=publication,
                     changes={"doc_number": [None, doc_number], "cases": [None, len(cases)]})
    return publication


def _frozen_pay(policy: StarPolicy | None, base_pay: Any) -> dict[str, Any]:
    return {
        "pay_coefficient": policy.pay_coefficient if policy else None,
        "fund_weight": policy.fund_weight if policy else None,
        "award_eligible": policy.award_eligible if policy else None,
        "base_pay": base_pay,
    }


def _downgrade_reasons(sheet: Any, prior: int | None, star: int) -> list[dict[str, str]]:
    """For a downgrade: the conditions of the lost levels that failed, in the standard's words."""
    if sheet is None or prior is None or star >= prior:
        return []
    reasons = []
    for level in sheet.explanation.get("levels", []):
        if star < level.get("star", 0) <= prior:
            for cond in level.get("failed", []) + level.get("unknown", []):
                reasons.append({"star": level["star"], "id": cond.get("id", ""), "text": cond.get("text", "")})
    return reasons
