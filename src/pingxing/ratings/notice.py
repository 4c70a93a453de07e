"""What the public notice (公示) shows of a case, and the objection form's bot checks.

Only the organization's facts are shown: no member data, no objector's contact. Bots are
kept out without a CAPTCHA: a honeypot field that people never see, a signed timestamp
issued with the form (a person needs a few seconds to write; a form older than two hours
is stale; each form files one objection only), and the per-client rate limit of
`services.objection_file`.
"""

from __future__ import annotations

import re
import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.core import signing
from django.core.cache import cache
from django.utils.translation import gettext as _

from pingxing import rubric
from pingxing.orgs.models import Organization
from pingxing.ratings import engine, factform, services
from pingxing.ratings.models import OfficeProfile, RatingCase

TOKEN_SALT = "pingxing.ratings.public.objection"
MAX_FORM_AGE_SECONDS = 2 * 60 * 60
HONEYPOT = "website"
# The listing is keyed by a version of the notice, so it is never stale; this only bounds memory.
LISTING_CACHE_SECONDS = 600
# The facts a resident can check for themself, in the order shown.
KEY_FACTS = (
    "civilized_community_level", "health_community_level", "cultural_community_grade",
    "learning_party_org_level", "harmonious_community_county", "homicide_cases", "major_criminal_cases",
)


class FormRefused(Exception):
    """The form looks automated or stale; the message is for the visitor."""


def issue_form_token(now: float | None = None) -> str:
    """A signed timestamp for the objection form, with a random nonce that makes it single-use."""
    return signing.dumps({"t": time.time() if now is None else now, "n": secrets.token_urlsafe(16)},
                         salt=TOKEN_SALT)


def check_form_token(token: str, now: float | None = None) -> str:
    """Refuse a form sent too soon after it was issued, too late, with a forged token, or
    one already used to file an objection; return the token's nonce (see `spend_form_token`)."""
    now = time.time() if now is None else now
    try:
        payload = signing.loads(token, salt=TOKEN_SALT)
        issued, nonce = float(payload["t"]), str(payload["n"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as exc:
        raise FormRefused(_("表单无效，请刷新页面后重新提交。")) from exc
    if now - issued < services.MIN_SECONDS_ON_FORM:
        raise FormRefused(_("提交过快，请确认内容后稍候几秒再提交。"))
    if now - issued > MAX_FORM_AGE_SECONDS:
        raise FormRefused(_("页面停留时间过长，表单已过期，请重新提交。"))
    if cache.get(_nonce_key(nonce)) is not None:
        raise FormRefused(_("该表单已提交过，请刷新页面后重新提交。"))
    return nonce


@contextmanager
def spend_form_token(nonce: str) -> Iterator[None]:
    """Claim a checked token's nonce for the block; only one block at a time may hold it. If the
    block raises (the objection was refused), the nonce is freed again so the visitor can correct
    the form and resend it; once the block succeeds the token cannot be used again.

    The claim outlives the token (it expires with MAX_FORM_AGE_SECONDS after being claimed, and the
    token expires at most that long after it was issued). With several server processes the cache
    must be shared (database or Redis cache), else each process remembers only its own tokens."""
    key = _nonce_key(nonce)
    if not cache.add(key, 1, MAX_FORM_AGE_SECONDS):
        raise FormRefused(_("该表单已提交过，请刷新页面后重新提交。"))
    try:
        yield
    except BaseException:
        cache.delete(key)
        raise


def _nonce_key(nonce: str) -> str:
    return f"ratings:objection-form-used:{nonce}"


@dataclass
class NoticeRow:
    case: RatingCase
    street: str
    star_title: str
    key_facts: list[tuple[str, str]]
    form: dict[str, str] = field(default_factory=dict)
    error: str = ""


def notice_row(case: Any) -> NoticeRow:
    std = engine.standard(case.campaign.standard_id)
    facts = case.latest_facts or {}
    street = case.organization.parent.name if case.organization.parent_id else ""
    star = case.assessed_star or 0
    return NoticeRow(case=case, street=street, star_title=std.level(star).title if star else "",
                     key_facts=key_facts(std, facts))


def key_facts(std: rubric.Standard, facts: dict[str, Any]) -> list[tuple[str, str]]:
    """The handful of facts shown on the notice, labelled and worded in Chinese."""
    specs = {s.name: s for s in rubric.contract_fields()}
    shown = []
    for name in KEY_FACTS:
        if name not in facts:
            continue
        shown.append((_short_title(specs[name]), _label(std, specs[name], facts[name])))
    total, mediated = facts.get("disputes_total"), facts.get("disputes_mediated")
    if isinstance(total, int) and isinstance(mediated, int):
        rate = _("无矛盾纠纷") if total == 0 else f"{mediated * 100 // total}%（{mediated}/{total}）"
        shown.append((_("矛盾纠纷调处率"), rate))
    return shown


def _short_title(spec: rubric.FieldSpec) -> str:
    return spec.title.split("（")[0]


def _label(std: rubric.Standard, spec: rubric.FieldSpec, value: Any) -> str:
    scale = _scale_of(std, spec.name)
    if scale is not None and value is not None:
        return scale.label(value)
    return factform.display(spec, value)


@lru_cache(maxsize=64)
def _scale_of(std: rubric.Standard, name: str) -> Any:
    for condition in std.conditions():
        if condition.check.scale is not None and condition.check.facts[:1] == (name,):
            return condition.check.scale
    return None


def standard_for(rows: list[NoticeRow], star: int) -> tuple[str, tuple[str, ...]]:
    """The standard's title of a star and its own sentences (from the first case at that star)."""
    row = next(row for row in rows if row.case.assessed_star == star)
    return row.star_title, _wording(engine.standard(row.case.campaign.standard_id), star)


@lru_cache(maxsize=16)
def _wording(std: rubric.Standard, star: int) -> tuple[str, ...]:
    """The standard's own sentences for a star, each once (levels restate clauses)."""
    return tuple(dict.fromkeys(c.text for c in std.level(star).conditions))


@dataclass
class NoticeHeader:
    """The notice as an office issues it: who, which year, which stars, when, and how to object."""

    issuer: str
    year: int | None
    stars: str  # "四至五星级" from the standard's acceptance path
    starts_on: Any
    ends_on: Any
    address: str
    phone: str


def notice_header(cases: list[RatingCase], office: Organization | None) -> NoticeHeader:
    """From the cases on notice (the newest campaign's) and the county office with its profile."""
    profile: OfficeProfile | None = getattr(office, "office_profile", None) if office is not None else None
    issuer = (profile.issuer_name if profile and profile.issuer_name else
              re.split(r"[（(]", office.name, maxsplit=1)[0] if office else "")
    campaign = cases[0].campaign if cases else None
    std = engine.standard(campaign.standard_id if campaign else None)
    start = std.procedure.acceptance_from or std.max_star
    stars = std.star_title(start) if start >= std.max_star else (
        f"{std.star_title(start).removesuffix('星级')}至{std.star_title(std.max_star)}")
    return NoticeHeader(
        issuer=issuer, year=campaign.year if campaign else None, stars=stars,
        starts_on=min((c.notice_starts_on for c in cases), default=None),
        ends_on=max((c.notice_ends_on for c in cases), default=None),
        address=profile.objection_address if profile else "", phone=profile.objection_phone if profile else "",
    )
