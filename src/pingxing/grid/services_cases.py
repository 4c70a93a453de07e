"""Every write of service cases (办事档案): opening a case and moving it one step on the pure
step table (`grid.workflow`), under a row lock, with its timeline step and audit entry in the
same transaction. Errors are `CaseError` with a message for the user."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pingxing.core.audit import audit_record
from pingxing.core.files import shortened_name, stored_name
from pingxing.core.http import actor_of
from pingxing.core.uploads import PHOTOS_AND_PDF, upload_problem
from pingxing.grid import workflow
from pingxing.grid.access_cases import facts_of, teams_of
from pingxing.grid.catalogue import Catalogue, Category, load_catalogue
from pingxing.grid.clock import YELLOW_AT, WorkCalendar, local_date
from pingxing.grid.facts import facts_from_json, facts_to_json
from pingxing.grid.models import Grid, Household, TeamMember, Visit
from pingxing.grid.models_cases import (
    CaseCounter,
    CaseFile,
    CaseSource,
    CaseStep,
    Department,
    ServiceCase,
)
from pingxing.grid.permissions_cases import can_open_case, case_roles
from pingxing.grid.workflow import STEPS, AssigneeKind, CaseFacts, Role, StepRefused
from pingxing.orgs.models import Organization
from pingxing.ratings.calendar import is_working_day
from pingxing.ratings.models import DayOff

AUDIT_OPEN = "grid_case_open"
AUDIT_STEP = "grid_case_step"
RECEIVE = "receive"  # the first timeline step (受理), not an action of the table
# A follow code is read off a phone and typed again: no look-alike characters, groups of four.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 20  # 31**20 ≈ 2**99: not guessable, even by a script


class CaseError(Exception):
    """A refused write of a case; the message is for the user (zh-hans)."""


@lru_cache(maxsize=1)
def case_catalogue() -> Catalogue:
    """The county's catalogue of categories (the shipped example until a county ships its own)."""
    return load_catalogue(getattr(settings, "GRID_CATALOGUE", "keqiao-example"))


def work_calendar() -> WorkCalendar:
    """The county's working-day calendar: China's holidays plus the county's days off (the
    ratings app's DayOff list, as campaign deadlines use it)."""
    return WorkCalendar(days_off=frozenset(DayOff.objects.values_list("date", flat=True)))


def keyed_digest(purpose: str, value: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()


def follow_code_digest(code: str) -> str:
    """The stored digest of a follow code as typed (case, spaces and dashes ignored)."""
    plain = "".join(c for c in code.upper() if c in CODE_ALPHABET)
    return keyed_digest("grid-follow", plain)


def new_follow_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i:i + 4] for i in range(0, CODE_LENGTH, 4))


def reporter_digest(contact: str) -> str:
    """A keyed digest of a reporter's contact (digits only for a phone): repeated reporters
    are found without decrypting anything."""
    plain = "".join(c for c in contact if c.isalnum()).lower()
    return keyed_digest("grid-reporter", plain) if plain else ""


def yellow_on(cal: WorkCalendar, started_on: date, deadline: date) -> date:
    """The first day the warning light is yellow (clock.warning_light's rule, as a date)."""
    period = cal.working_days_between(started_on, deadline)
    threshold = period * YELLOW_AT - 1e-9
    if period == 0 or threshold <= 0:
        return started_on
    day, used = started_on, 0
    while day < deadline:
        day += timedelta(days=1)
        used += is_working_day(day, days_off=cal.days_off, extra_working_days=cal.extra_working_days)
        if used >= threshold:
            return day
    return deadline


def street_of(community: Organization) -> Organization:
    """The street above a community (the community itself when there is none)."""
    ids = [int(p) for p in community.path.split("/") if p]
    street: Organization | None = Organization.objects.filter(pk__in=ids, level="street").first()
    return street or community


def _next_number(street: Organization, year: int) -> str:
    """KQ001-2026-000123: a sequence per street and year, taken under the counter's row lock."""
    with transaction.atomic():
        counter = CaseCounter.objects.select_for_update().filter(street=street, year=year).first()
        if counter is None:
            try:
                with transaction.atomic():
                    counter = CaseCounter.objects.create(street=street, year=year)
            except IntegrityError:  # created by a simultaneous case
                counter = CaseCounter.objects.select_for_update().get(street=street, year=year)
        counter.last += 1
        counter.save(update_fields=["last"])
    tail = street.code[-3:] if street.code[-3:].isdigit() else str(street.pk)
    return f"{getattr(settings, 'GRID_CASE_PREFIX', 'KQ')}{tail}-{year}-{counter.last:06d}"


def _category(code: str) -> Category:
    category = case_catalogue().get(code)
    if category is None:
        raise CaseError(_("请选择目录中的类别。"))
    return category


def _store_files(case: ServiceCase, step: CaseStep | None, uploads: Sequence[Any]) -> int:
    for upload in uploads:
        original = shortened_name(upload.name, 200)
        upload.name = stored_name(upload.name)
        CaseFile.objects.create(case=case, step=step, file=upload, original_name=original)
    return len(uploads)


def _check_files(uploads: Sequence[Any]) -> None:
    for upload in uploads:
        problem = upload_problem(upload, allowed=PHOTOS_AND_PDF)
        if problem:
            raise CaseError(problem)


def _mirror(case: ServiceCase, facts: CaseFacts, cal: WorkCalendar) -> None:
    """Copy what lists filter and sort on from the facts onto the row's columns."""
    case.facts = facts_to_json(facts)
    case.state = facts.state.value
    case.time_limit_days = facts.time_limit_days
    case.started_on, case.deadline = facts.started_on, facts.deadline
    case.registered_on = local_date(facts.registered_at) if facts.registered_at else None
    case.dispatched_at, case.refuse_until, case.closed_at = facts.dispatched_at, facts.refuse_until, facts.closed_at
    case.self_handled = facts.self_handled
    case.reopen_count, case.supervised_count = facts.reopen_count, facts.supervised
    case.satisfaction = facts.satisfaction.value if facts.satisfaction else ""
    case.extension_requested = facts.pending_extension is not None
    case.extension_days = sum(e.days for e in facts.extensions if e.approved)
    case.yellow_on = (yellow_on(cal, facts.started_on, facts.deadline)
                      if facts.started_on and facts.deadline else None)
    kind, to = facts.assignee_kind, facts.assignee
    case.assigned_grid_id = int(to) if kind is AssigneeKind.TEAM and to.isdigit() else None
    case.assigned_user_id = int(to) if kind is AssigneeKind.PERSON and to.isdigit() else None
    case.assigned_department_id = int(to) if kind is AssigneeKind.DEPARTMENT and to.isdigit() else None


def case_open(
    *, community: Organization, category: str, title: str, description: str, source: str, by: Any = None,
    grid: Grid | None = None, household: Household | None = None, address: str = "", reporter_name: str = "",
    reporter_contact: str = "", request: Any = None, at: datetime | None = None, visit: Visit | None = None,
    latitude: Any = None, longitude: Any = None, uploads: Sequence[Any] = (), client_digest: str = "",
) -> ServiceCase:
    """Receive a case (受理). A resident's own case (by=None, source resident) gets a follow code,
    on `case.follow_code` only (just its digest is stored): show it once."""
    cat = _category(category)
    title, description = (title or "").strip(), (description or "").strip()
    if not description:
        raise CaseError(_("请填写反映的问题。"))
    title = title or description[:30]
    if source not in CaseSource.values:
        raise CaseError(_("来源无效。"))
    if community.level != "organization":
        raise CaseError(_("请选择社区。"))
    if household is not None and grid is None:
        grid = household.grid
    if grid is not None and grid.community_id != community.pk:
        raise CaseError(_("所选网格不属于该社区。"))
    if household is not None and household.grid_id != (grid.pk if grid else None):
        raise CaseError(_("所选户不在该网格内。"))
    if by is not None and visit is None and not can_open_case(actor_of(by), teams_of(by), community.pk,
                                                                community.path, grid.pk if grid else None):
        raise CaseError(_("您不能为该社区登记案件。"))
    _check_files(uploads)
    at = at or timezone.now()
    facts = workflow.new_case(cat, at=at)
    code = new_follow_code() if source == "resident" else ""
    with transaction.atomic():
        case = ServiceCase(
            number=_next_number(street_of(community), local_date(at).year), community=community, grid=grid,
            household=household, visit=visit, category=cat.code, source=source, title=title[:100],
            description=description[:5000], address=(address or "").strip()[:200], received_at=at,
            latitude=latitude, longitude=longitude,
            reporter_name=(reporter_name or "").strip()[:50] or None,
            reporter_contact=(reporter_contact or "").strip()[:50] or None,
            reporter_digest=reporter_digest(reporter_contact or ""),
            follow_code_hash=follow_code_digest(code) if code else "", client_digest=client_digest,
            created_by=by,
        )
        _mirror(case, facts, WorkCalendar())
        case.save()
        # Who received it: the dispatcher at the desk, else the grid worker (a visit, the street).
        roles = case_roles(actor_of(by), teams_of(by), facts_of(case)) if by is not None else ()
        role = (Role.RESIDENT if by is None else Role.DISPATCHER if Role.DISPATCHER in roles
                else Role.GRID_WORKER).value
        step = CaseStep.objects.create(case=case, action=RECEIVE, from_state="", to_state=case.state, by=by,
                                       actor_role=role, at=at, data={"source": source})
        files = _store_files(case, step, uploads)
        audit_record(action=AUDIT_OPEN, user=by, obj=case, object_repr=str(case)[:200], organization=community,
                     changes={"state": [None, case.state], "category": [None, cat.code], "source": [None, source],
                              "files": [None, files]}, request=request)
    case.follow_code = code
    return case


def case_open_from_visit(*, visit: Visit, category: str, title: str, description: str,
                         household: Household | None = None, by: Any, request: Any = None,
                         at: datetime | None = None) -> ServiceCase:
    """A concern heard on a visit (民情日记) becomes a case of the visit's grid and community."""
    grid = visit.grid
    return case_open(community=grid.community, category=category, title=title, description=description,
                     source="visit", by=by, grid=grid, household=household, visit=visit,
                     address=household.building if household is not None else visit.place,
                     request=request, at=at)


def _dispatch_target(case: ServiceCase, data: dict[str, Any]) -> dict[str, Any]:
    """Check the receiver of a dispatch exists within the case's street."""
    kind, to = str(data.get("to_kind", "")), str(data.get("to", "")).strip()
    street = street_of(case.community)
    found = False
    if to.isdigit():
        if kind == AssigneeKind.TEAM:
            found = Grid.objects.filter(pk=int(to), community__path__startswith=street.path).exists()
        elif kind == AssigneeKind.DEPARTMENT:
            found = Department.objects.filter(pk=int(to), street=street).exists()
        elif kind == AssigneeKind.PERSON:
            from pingxing.accounts.models import User

            found = (User.objects.filter(pk=int(to), is_active=True, organization__path__startswith=street.path)
                     .exists() or TeamMember.objects.filter(user_id=int(to), active=True,
                                                            grid__community__path__startswith=street.path).exists())
    if kind in {k.value for k in AssigneeKind} and not found and to:
        raise CaseError(_("派遣对象不存在或不在本街道范围内。"))
    return {**data, "to_kind": kind, "to": to}


def _attempt(facts: CaseFacts, action: str, roles: Sequence[Role], **kwargs: Any) -> tuple[Any, Any]:
    """Try the step with each role the user holds; refuse with the message of the first role
    the step belongs to (or of the first role held)."""
    refusals: list[tuple[Role, str]] = []
    for role in roles:
        try:
            return workflow.apply(facts, action, actor_role=role, **kwargs)
        except StepRefused as refused:
            refusals.append((role, str(refused)))
    step = STEPS.get(workflow.Action(action)) if action in {a.value for a in workflow.Action} else None
    fitting = [msg for role, msg in refusals if step is not None and role in step.roles]
    raise CaseError((fitting or [msg for _role, msg in refusals])[0])


def case_step(*, case: ServiceCase, action: str, by: Any, reason: str = "", data: Mapping[str, Any] | None = None,
              request: Any = None, at: datetime | None = None, uploads: Sequence[Any] = ()) -> ServiceCase:
    """Take one step of the closed loop: the user's roles on the case are tried in a fixed
    order; the facts, the mirrored columns, the timeline step and the audit entry are written
    together. `by=None` is the resident (only the follow-up answer is theirs)."""
    at = at or timezone.now()
    step_data = dict(data or {})
    _check_files(uploads)
    cal = work_calendar()
    with transaction.atomic():
        locked: ServiceCase = (ServiceCase.objects.select_for_update(of=("self",)).select_related("community")
                               .get(pk=case.pk))
        if by is None:
            roles: Sequence[Role] = (Role.RESIDENT,)
        else:
            roles = case_roles(actor_of(by), teams_of(by), facts_of(locked))
            if not roles:
                raise CaseError(_("您不是该案件的办理人员。"))
        if action == workflow.Action.DISPATCH:
            step_data = _dispatch_target(locked, step_data)
        if action == workflow.Action.SELF_HANDLE and by is not None:
            step_data["to"] = str(by.pk)
        before = facts_from_json(locked.facts)
        after, entry = _attempt(before, action, roles, at=at, reason=reason, data=step_data, calendar=cal)
        _mirror(locked, after, cal)
        locked.save()
        step = CaseStep.objects.create(case=locked, action=entry.action.value, from_state=entry.from_state.value,
                                       to_state=entry.to_state.value, by=by, actor_role=entry.actor_role.value,
                                       at=at, reason=entry.reason, data=dict(entry.data))
        files = _store_files(locked, step, uploads)
        audit_record(action=AUDIT_STEP, user=by, obj=locked, object_repr=str(locked)[:200],
                     organization=locked.community, request=request,
                     changes={"action": [None, entry.action.value], "state": [entry.from_state.value, locked.state],
                              "role": [None, entry.actor_role.value], "files": [None, files]})
    return locked


REPORTS_PER_CLIENT_PER_HOUR = 5
REPORT_LOCK_PREFIX = "pingxing.grid.report:"


def _lock_client(digest: str) -> None:
    """Serialize a client's reports until the transaction ends (PostgreSQL advisory lock;
    SQLite's IMMEDIATE transactions already take the write lock at BEGIN)."""
    connection = transaction.get_connection()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"{REPORT_LOCK_PREFIX}{digest}"])


def case_report(*, community: Organization, category: str, description: str, ip_address: str, address: str = "",
                reporter_name: str = "", reporter_contact: str = "", uploads: Sequence[Any] = (),
                request: Any = None) -> ServiceCase:
    """A resident's own report without login (居民自主上报), at most a few an hour from one
    address; the returned case carries its follow code (`case.follow_code`, shown once)."""
    digest = keyed_digest("grid-client", ip_address)
    cat = _category(category)
    with transaction.atomic():
        _lock_client(digest)
        since = timezone.now() - timedelta(hours=1)
        if ServiceCase.objects.filter(client_digest=digest, received_at__gte=since).count() >= REPORTS_PER_CLIENT_PER_HOUR:
            raise CaseError(_("提交过于频繁，请一小时后再试。"))
        return case_open(community=community, category=cat.code, title=f"{cat.name}：{description.strip()[:20]}",
                         description=description, source="resident", address=address,
                         reporter_name=reporter_name, reporter_contact=reporter_contact, uploads=uploads,
                         client_digest=digest, request=request)


def api_key_digest(key: str) -> str:
    return keyed_digest("grid-apikey", key.strip())


def api_key_create(*, street: Organization, name: str, by: Any = None, request: Any = None) -> tuple[Any, str]:
    """A new Open311 key for a client (接入方) of a street: (the row, the key shown once)."""
    from pingxing.grid.models_cases import ApiKey

    name = (name or "").strip()[:60]
    if not name:
        raise CaseError(_("请填写接入方名称。"))
    key = secrets.token_urlsafe(24)
    with transaction.atomic():
        row = ApiKey.objects.create(street=street, name=name, key_hash=api_key_digest(key))
        audit_record(action="create", user=by, obj=row, object_repr=name, organization=street,
                     changes={"api_key": [None, name]}, request=request)
    return row, key


MERGE = "merge"  # a timeline record outside the step table: the case goes on as part of another


def case_merge(*, case: ServiceCase, into: ServiceCase, by: Any, reason: str = "", request: Any = None,
               at: datetime | None = None) -> ServiceCase:
    """Merge a duplicate into another case of the same street (a meeting's decision): the
    duplicate keeps its own state and timeline and names the case that carries the work."""
    if case.pk == into.pk or into.merged_into_id is not None:
        raise CaseError(_("不能合并到该案件。"))
    at = at or timezone.now()
    with transaction.atomic():
        locked: ServiceCase = (ServiceCase.objects.select_for_update(of=("self",)).select_related("community")
                               .get(pk=case.pk))
        if locked.merged_into_id is not None:
            raise CaseError(_("该案件已合并到其他案件。"))
        if not into.community.path.startswith(street_of(locked.community).path):
            raise CaseError(_("只能合并本街道的案件。"))
        if by is not None and not case_roles(actor_of(by), teams_of(by), facts_of(locked)):
            raise CaseError(_("您不是该案件的办理人员。"))
        locked.merged_into = into
        locked.save(update_fields=["merged_into", "updated_at"])
        CaseStep.objects.create(case=locked, action=MERGE, from_state=locked.state, to_state=locked.state, by=by,
                                actor_role=Role.DISPATCHER.value, at=at, reason=(reason or "").strip(),
                                data={"into": into.number})
        audit_record(action=AUDIT_STEP, user=by, obj=locked, object_repr=str(locked)[:200],
                     organization=locked.community, request=request,
                     changes={"action": [None, MERGE], "merged_into": [None, into.number]})
    return locked
