"""Casting a ballot: exactly one per account or code, secret by construction.

The has-voted row, the ballot and the tracker are written in one transaction; the unique
constraints on the has-voted row make a second ballot of the same voter impossible, also under
concurrency. A retry of the same request (same idempotency key) gets the same receipt back; a
different request of a voter who has voted is refused.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pingxing.core.audit import audit_record
from pingxing.evaluations.actions import EvaluationAction
from pingxing.evaluations.models import (
    Ballot,
    CastRecord,
    Evaluation,
    EvaluationState,
    RollEntry,
    Tracker,
    VotingCode,
)
from pingxing.evaluations.proposal import ConductItem, VoterClass, parse_rules
from pingxing.evaluations.subjects import Subject, grades_of
from pingxing.evaluations.tally import MarksError, check_marks

CODE_BYTES = 17  # 136 bits: 27 characters of base32
CODE_GROUP = 5


class CastRefused(Exception):
    """A ballot that is not accepted; the message says why, in Chinese."""


def _key(purpose: str) -> bytes:
    return hmac.new(str(settings.SALT_KEY).encode(), f"evaluations:{purpose}".encode(), hashlib.sha256).digest()


def receipt_for(evaluation_id: int, request_key: str) -> str:
    """The tracker given for a casting request: derived from its idempotency key, never stored
    beside the voter (the has-voted row keeps another digest of the key)."""
    digest = hmac.new(_key("receipt"), f"{evaluation_id}:{request_key}".encode(), hashlib.sha256).digest()
    text = base64.b32encode(digest[:10]).decode()  # 80 bits, 16 characters
    return "-".join(text[i:i + 4] for i in range(0, 16, 4))


def request_digest(evaluation_id: int, request_key: str) -> str:
    return hmac.new(_key("request"), f"{evaluation_id}:{request_key}".encode(), hashlib.sha256).hexdigest()


def normalize_code(code: str) -> str:
    return "".join(c for c in code.upper() if c.isalnum()).replace("0", "O").replace("1", "I")


def code_hash(code: str) -> str:
    return hmac.new(_key("code"), normalize_code(code).encode(), hashlib.sha256).hexdigest()


def new_code() -> str:
    """A one-time code of 136 random bits, grouped for typing: "K7QXM-2PA4F-…"."""
    text = base64.b32encode(secrets.token_bytes(CODE_BYTES)).decode().rstrip("=")
    return "-".join(text[i:i + CODE_GROUP] for i in range(0, len(text), CODE_GROUP))


def balloting_open(evaluation: Evaluation, now: Any = None) -> bool:
    now = now or timezone.now()
    if evaluation.state != EvaluationState.BALLOTING:
        return False
    if evaluation.ballot_opens_at and now < evaluation.ballot_opens_at:
        return False
    return not (evaluation.ballot_closes_at and now >= evaluation.ballot_closes_at)


def gradable_entries(evaluation: Evaluation, *, except_member_id: int | None = None) -> list[RollEntry]:
    """The members a ballot grades: the roll without the excused, and without the voter."""
    entries = evaluation.roll.filter(excused=False).select_related("member")
    return [e for e in entries if e.member_id != except_member_id]


@dataclass(frozen=True)
class BallotTerms:
    """What a ballot of an evaluation may mark: the grades of its subject and, for a members'
    evaluation, the negative-conduct checklist of its rules (the leadership's ballot has none)."""

    grades: tuple[str, ...]
    conduct: tuple[ConductItem, ...]


def ballot_terms(evaluation: Evaluation) -> BallotTerms:
    grades = tuple(str(g) for g in grades_of(evaluation.subject))
    if evaluation.subject == Subject.LEADERSHIP:
        return BallotTerms(grades=grades, conduct=())
    return BallotTerms(grades=grades, conduct=parse_rules(evaluation.rules_source).conduct)


def checked_marks(evaluation: Evaluation, marks: dict[str, Any], entries: list[RollEntry]) -> dict[str, Any]:
    """The marks of one ballot (online or paper) checked against the evaluation's terms;
    MarksError says what is wrong."""
    terms = ballot_terms(evaluation)
    return check_marks(marks, gradable=[e.pk for e in entries], conduct_codes=[c.code for c in terms.conduct],
                       names={e.pk: e.member.name for e in entries}, grades=terms.grades)


@dataclass(frozen=True)
class Cast:
    receipt: str
    repeated: bool  # the answer to a retry of a request already counted


def _cast(*, evaluation: Evaluation, voter_class: str, marks: dict[str, Any], request_key: str,
          user: Any = None, code: VotingCode | None = None, except_member_id: int | None = None,
          request: Any = None) -> Cast:
    if not request_key or len(request_key) > 100:
        raise CastRefused(_("选票提交不完整，请刷新页面后重新填写。"))
    if not balloting_open(evaluation):
        raise CastRefused(_("本次测评不在投票时间内。"))
    entries = gradable_entries(evaluation, except_member_id=except_member_id)
    try:
        clean = checked_marks(evaluation, marks, entries)
    except MarksError as error:
        raise CastRefused(str(error)) from None
    digest = request_digest(evaluation.pk, request_key)
    receipt = receipt_for(evaluation.pk, request_key)
    existing = _existing(evaluation, user=user, code=code)
    if existing is not None:
        return _answer_repeat(existing, digest, receipt)
    try:
        with transaction.atomic():
            CastRecord.objects.create(evaluation=evaluation, voter_class=voter_class, user=user, code=code,
                                      request_digest=digest)
            Ballot.objects.create(evaluation=evaluation, voter_class=voter_class, marks=clean)
            Tracker.objects.create(evaluation=evaluation, tracker=receipt)
            # The who-voted list: that this voter voted — never what, nor which ballot.
            audit_record(action=EvaluationAction.VOTED, user=user, obj=evaluation,
                         organization=evaluation.organization,
                         changes={"voter_class": [None, voter_class]}, request=request)
    except IntegrityError:
        existing = _existing(evaluation, user=user, code=code)
        if existing is None:
            raise
        return _answer_repeat(existing, digest, receipt)
    return Cast(receipt=receipt, repeated=False)


def _existing(evaluation: Evaluation, *, user: Any, code: VotingCode | None) -> CastRecord | None:
    if code is not None:
        return CastRecord.objects.filter(code=code).first()
    return CastRecord.objects.filter(evaluation=evaluation, user=user).first()


def _answer_repeat(existing: CastRecord, digest: str, receipt: str) -> Cast:
    if existing.request_digest and hmac.compare_digest(existing.request_digest, digest):
        return Cast(receipt=receipt, repeated=True)
    raise CastRefused(_("已经投过票了：每人（每个投票码）只能投一次。"))


def member_may_vote(evaluation: Evaluation, member_id: int | None) -> bool:
    """Who casts the members' ballot in their account: in a members' evaluation, the members on
    the roll (not excused); in an evaluation of the leadership, every member of the organization
    (on the roll or not) — the account is the member's own, checked by the caller."""
    from pingxing.evaluations.permissions import may_cast_members_ballot
    from pingxing.members.models import Member

    if member_id is None:
        return False
    leadership = evaluation.subject == Subject.LEADERSHIP
    return may_cast_members_ballot(
        leadership=leadership,
        on_roll=not leadership and evaluation.roll.filter(member_id=member_id, excused=False).exists(),
        member_of_organization=leadership and Member.objects.filter(
            pk=member_id, organization_id=evaluation.organization_id).exists())


def ballot_cast_by_member(*, evaluation: Evaluation, user: Any, marks: dict[str, Any], request_key: str,
                          request: Any = None) -> Cast:
    """A member casts the members' ballot in their account (never grading themselves)."""
    member_id = getattr(user, "member_id", None)
    if not member_may_vote(evaluation, member_id):
        if evaluation.subject == Subject.LEADERSHIP:
            raise CastRefused(_("您不是本党组织的党员，不能参加本次民主评议。"))
        raise CastRefused(_("您不在本次民主评议的参评党员名单上。"))
    return _cast(evaluation=evaluation, voter_class=VoterClass.MEMBERS.value, marks=marks,
                 request_key=request_key, user=user, except_member_id=member_id, request=request)


def code_lookup(code: str) -> VotingCode | None:
    """The voting code typed or scanned, or None (a wrong code and a used one look the same
    until casting)."""
    if not code or len(code) > 64:
        return None
    return VotingCode.objects.select_related("evaluation__organization").filter(code_hash=code_hash(code)).first()


def ballot_cast_by_code(*, code: str, marks: dict[str, Any], request_key: str, request: Any = None) -> Cast:
    """A mass representative casts the masses' ballot with a one-time code."""
    found = code_lookup(code)
    if found is None:
        raise CastRefused(_("投票码不正确。请核对选票条上的投票码。"))
    return _cast(evaluation=found.evaluation, voter_class=VoterClass.MASSES.value, marks=marks,
                 request_key=request_key, code=found, request=request)
