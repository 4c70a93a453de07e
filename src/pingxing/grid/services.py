"""Every write of the grid network (grids, teams, household files, member–household links and
visit diaries): atomic, audited in the same transaction, errors in Chinese for the user."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pingxing.core.audit import AuditAction, audit_record
from pingxing.core.files import shortened_name, stored_name
from pingxing.core.uploads import PHOTOS, upload_problem
from pingxing.grid.catalogue import Catalogue
from pingxing.grid.models import (
    Grid,
    GridLevel,
    Household,
    HouseholdLink,
    Resident,
    SituationTag,
    TeamMember,
    TeamRole,
    Visit,
    VisitGrade,
    VisitKind,
    VisitPhoto,
)
from pingxing.members.models import id_number_digest
from pingxing.members.validators import id_number_error, normalize_id_number, phone_error

MAX_PHOTOS = 6
DEFAULT_TEAM_ROLES = (("网格长", True), ("网格员", False), ("党员", False), ("民警", False), ("医生", False),
                      ("律师", False), ("志愿者", False))
DEFAULT_TAGS = ("独居老人", "残疾", "困难", "流动人口", "留守儿童", "重点关注")


class GridError(Exception):
    """A refused write; the message is for the user. `field` names the form field at fault."""

    def __init__(self, message: str, *, field: str = "") -> None:
        super().__init__(message)
        self.field = field


def _audit(action: str, *, by: Any, obj: Any, community: Any, changes: dict[str, Any], request: Any = None,
           object_repr: str = "") -> None:
    audit_record(action=action, user=by, obj=obj, organization=community, changes=changes, request=request,
                 object_repr=object_repr or str(obj))


# --- the street's lists -------------------------------------------------------------------------

def team_roles_ensure() -> list[TeamRole]:
    """The common team roles (网格长 leads), created once; existing ones are kept as they are."""
    for order, (name, leads) in enumerate(DEFAULT_TEAM_ROLES, start=1):
        TeamRole.objects.get_or_create(name=name, defaults={"leads": leads, "order": order * 10})
    return list(TeamRole.objects.all())


def situation_tags_ensure() -> list[SituationTag]:
    for order, name in enumerate(DEFAULT_TAGS, start=1):
        SituationTag.objects.get_or_create(name=name, defaults={"order": order * 10})
    return list(SituationTag.objects.all())


def team_role_create(*, name: str, leads: bool = False, by: Any, request: Any = None) -> TeamRole:
    name = (name or "").strip()[:20]
    if not name:
        raise GridError(_("请填写角色名称。"), field="name")
    with transaction.atomic():
        if TeamRole.objects.filter(name=name).exists():
            raise GridError(_("角色“%(name)s”已存在。") % {"name": name}, field="name")
        role: TeamRole = TeamRole.objects.create(name=name, leads=leads, order=(TeamRole.objects.count() + 1) * 10)
        _audit(AuditAction.CREATE, by=by, obj=role, community=None, request=request,
               changes={"name": [None, name], "leads": [None, leads]})
    return role


def situation_tag_create(*, name: str, by: Any, request: Any = None) -> SituationTag:
    name = (name or "").strip()[:20]
    if not name or "、" in name:
        raise GridError(_("请填写标签名称（不含“、”）。"), field="name")
    with transaction.atomic():
        if SituationTag.objects.filter(name=name).exists():
            raise GridError(_("标签“%(name)s”已存在。") % {"name": name}, field="name")
        tag: SituationTag = SituationTag.objects.create(name=name, order=(SituationTag.objects.count() + 1) * 10)
        _audit(AuditAction.CREATE, by=by, obj=tag, community=None, request=request, changes={"name": [None, name]})
    return tag


# --- grids ---------------------------------------------------------------------------------------

def _numbers(coords: Any, depth: int) -> bool:
    """Nested lists `depth` deep ending in [x, y] pairs of numbers (GeoJSON positions)."""
    if not isinstance(coords, list) or not coords:
        return False
    if depth == 0:
        return 2 <= len(coords) <= 3 and all(isinstance(v, int | float) and not isinstance(v, bool) for v in coords)
    return all(_numbers(c, depth - 1) for c in coords)


def boundary_error(data: Any) -> str | None:
    """Why `data` is not a GeoJSON Polygon or MultiPolygon of numeric positions, or None."""
    if not isinstance(data, dict):
        return str(_("边界应为 GeoJSON 对象（Polygon 或 MultiPolygon）。"))
    if data.get("type") == "Feature":
        data = data.get("geometry")
        if not isinstance(data, dict):
            return str(_("边界应为 GeoJSON 对象（Polygon 或 MultiPolygon）。"))
    depth = {"Polygon": 2, "MultiPolygon": 3}.get(str(data.get("type")))
    if depth is None:
        return str(_("边界的类型应为 Polygon 或 MultiPolygon。"))
    if not _numbers(data.get("coordinates"), depth):
        return str(_("边界的坐标应为数字组成的经纬度点。"))
    return None


def boundary_parse(text: str) -> dict[str, Any] | None:
    """The boundary typed on a form: empty → None; bad JSON or bad GeoJSON → GridError."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        data = json.loads(text)
    except ValueError:
        raise GridError(_("边界（GeoJSON）不是有效的 JSON。"), field="boundary") from None
    problem = boundary_error(data)
    if problem:
        raise GridError(problem, field="boundary")
    result: dict[str, Any] = data
    return result


def _grid_values(*, community: Any, level: str, code: str, name: str, parent: Grid | None,
                 grid: Grid | None = None) -> tuple[str, str]:
    code, name = (code or "").strip()[:30], (name or "").strip()[:60]
    if not code:
        raise GridError(_("请填写网格编号。"), field="code")
    if not name:
        raise GridError(_("请填写网格名称。"), field="name")
    if level not in GridLevel.values:
        raise GridError(_("请选择网格层级。"), field="level")
    if level == "small":
        if parent is None or parent.level != "large" or parent.community_id != community.pk:
            raise GridError(_("小网格应属于本社区的一个大网格。"), field="parent")
    elif parent is not None:
        raise GridError(_("大网格不属于其他网格。"), field="parent")
    clash = Grid.objects.filter(community=community, code=code)
    if grid is not None:
        clash = clash.exclude(pk=grid.pk)
    if clash.exists():
        raise GridError(_("本社区已有编号为“%(code)s”的网格。") % {"code": code}, field="code")
    return code, name


def _address_list(addresses: Iterable[str]) -> list[str]:
    return [a.strip()[:100] for a in addresses if a and a.strip()][:500]


def grid_create(*, community: Any, level: str, code: str, name: str, parent: Grid | None = None, area: str = "",
                addresses: Iterable[str] = (), boundary: dict[str, Any] | None = None, by: Any,
                request: Any = None) -> Grid:
    """A large grid of the community, or a small grid inside one of its large grids."""
    if boundary is not None and (problem := boundary_error(boundary)):
        raise GridError(problem, field="boundary")
    with transaction.atomic():
        code, name = _grid_values(community=community, level=level, code=code, name=name, parent=parent)
        grid: Grid = Grid.objects.create(community=community, level=level, code=code, name=name, parent=parent,
                                   area=area.strip(), addresses=_address_list(addresses), boundary=boundary)
        _audit(AuditAction.CREATE, by=by, obj=grid, community=community, request=request,
               changes={"code": [None, code], "name": [None, name], "level": [None, level]})
    return grid


def grid_update(*, grid: Grid, code: str, name: str, area: str = "", addresses: Iterable[str] = (),
                boundary: dict[str, Any] | None = None, by: Any, request: Any = None) -> Grid:
    if boundary is not None and (problem := boundary_error(boundary)):
        raise GridError(problem, field="boundary")
    with transaction.atomic():
        code, name = _grid_values(community=grid.community, level=grid.level, code=code, name=name,
                                  parent=grid.parent, grid=grid)
        changes = {"code": [grid.code, code], "name": [grid.name, name]}
        grid.code, grid.name, grid.area = code, name, area.strip()
        grid.addresses, grid.boundary = _address_list(addresses), boundary
        grid.save()
        _audit(AuditAction.UPDATE, by=by, obj=grid, community=grid.community, request=request, changes=changes)
    return grid


def team_member_add(*, grid: Grid, role: TeamRole, name: str = "", member: Any = None, user: Any = None,
                    unit: str = "", phone: str = "", by: Any, request: Any = None) -> TeamMember:
    """A person of the grid's team: a member of the community (picked from its members) or not,
    with an account or not."""
    if member is not None:
        if member.organization_id != grid.community_id:
            raise GridError(_("只能从本社区的党员中选择。"), field="member")
        name = name or member.name
    name = (name or "").strip()[:50]
    if not name:
        raise GridError(_("请填写姓名或选择党员。"), field="name")
    if problem := phone_error(phone):
        raise GridError(problem, field="phone")
    if user is not None and user.organization_id not in (None, grid.community_id) and member is None:
        raise GridError(_("只能关联本社区的账号。"), field="user")
    with transaction.atomic():
        person: TeamMember = TeamMember.objects.create(grid=grid, role=role, name=name, member=member, user=user,
                                           unit=unit.strip()[:60], phone=phone.strip() or None)
        _audit(AuditAction.CREATE, by=by, obj=person, community=grid.community, request=request,
               changes={"grid": [None, grid.code], "role": [None, role.name], "name": [None, name]})
    return person


def team_member_remove(*, person: TeamMember, by: Any, request: Any = None) -> None:
    """Off the team (kept, inactive: past visits still name their recorder's team)."""
    with transaction.atomic():
        person.active = False
        person.save(update_fields=["active"])
        _audit(AuditAction.DELETE, by=by, obj=person, community=person.grid.community, request=request,
               changes={"active": [True, False]})


# --- household files -----------------------------------------------------------------------------

def normalize_address(address: str) -> str:
    """The address as compared: full-width forms folded, spaces removed."""
    return "".join(unicodedata.normalize("NFKC", address or "").split())


def address_digest(address: str) -> str:
    """The keyed digest of the normalized address (the same key as ID numbers): finds a
    household by address without decrypting, and keeps one file per address."""
    return id_number_digest(normalize_address(address))


def _check_address(address: str, *, household: Household | None = None) -> tuple[str, str]:
    address = (address or "").strip()[:200]
    if not address:
        raise GridError(_("请填写住址。"), field="address")
    digest = address_digest(address)
    clash = Household.objects.filter(address_digest=digest)
    if household is not None:
        clash = clash.exclude(pk=household.pk)
    if clash.exists():
        raise GridError(_("该住址已有民情档案。"), field="address")
    return address, digest


def household_create(*, grid: Grid, address: str, building: str = "", needs: str = "", note: str = "",
                     tags: Iterable[SituationTag] = (), by: Any, request: Any = None) -> Household:
    with transaction.atomic():
        address, digest = _check_address(address)
        household: Household = Household.objects.create(grid=grid, address=address, address_digest=digest,
                                             building=building.strip()[:40], needs=needs.strip(), note=note.strip())
        household.tags.set(list(tags))
        _audit(AuditAction.CREATE, by=by, obj=household, community=grid.community, request=request,
               changes={"grid": [None, grid.code], "building": [None, household.building]})
    return household


def household_update(*, household: Household, grid: Grid, address: str, building: str = "", needs: str = "",
                     note: str = "", tags: Iterable[SituationTag] = (), by: Any, request: Any = None) -> Household:
    if grid.community_id != household.grid.community_id:
        raise GridError(_("只能改到本社区的网格。"), field="grid")
    with transaction.atomic():
        address, digest = _check_address(address, household=household)
        changes = {"grid": [household.grid.code, grid.code], "building": [household.building, building.strip()]}
        household.grid, household.address, household.address_digest = grid, address, digest
        household.building, household.needs, household.note = building.strip()[:40], needs.strip(), note.strip()
        household.save()
        household.tags.set(list(tags))
        _audit(AuditAction.UPDATE, by=by, obj=household, community=grid.community, request=request, changes=changes)
    return household


def _resident_values(*, name: str, relation: str, id_number: str, phone: str) -> tuple[str, str, str, str]:
    name, relation = (name or "").strip()[:50], (relation or "").strip()[:20]
    if not name:
        raise GridError(_("请填写姓名。"), field="name")
    if not relation:
        raise GridError(_("请填写与户主关系。"), field="relation")
    id_number = normalize_id_number(id_number)
    if id_number and (problem := id_number_error(id_number)):
        raise GridError(problem, field="id_number")
    phone = (phone or "").strip()
    if problem := phone_error(phone):
        raise GridError(problem, field="phone")
    return name, relation, id_number, phone


def resident_add(*, household: Household, name: str, relation: str, id_number: str = "", phone: str = "",
                 birth_year: int | None = None, by: Any, request: Any = None) -> Resident:
    name, relation, id_number, phone = _resident_values(name=name, relation=relation, id_number=id_number, phone=phone)
    with transaction.atomic():
        resident: Resident = Resident.objects.create(
            household=household, name=name, relation=relation, id_number=id_number or None,
            id_number_digest=id_number_digest(id_number) if id_number else "", phone=phone or None,
            birth_year=int(id_number[6:10]) if id_number else birth_year)
        _audit(AuditAction.CREATE, by=by, obj=resident, community=household.grid.community, request=request,
               changes={"household": [None, household.pk], "name": [None, name], "id_number": [None, "***"]})
    return resident


def resident_update(*, resident: Resident, name: str, relation: str, id_number: str = "", phone: str = "",
                    by: Any, request: Any = None) -> Resident:
    """Edit a resident; an empty ID number or phone keeps the one on file."""
    name, relation, id_number, phone = _resident_values(name=name, relation=relation, id_number=id_number, phone=phone)
    with transaction.atomic():
        changes = {"name": [resident.name, name], "relation": [resident.relation, relation]}
        resident.name, resident.relation = name, relation
        if id_number:
            resident.id_number, resident.id_number_digest = id_number, id_number_digest(id_number)
            resident.birth_year = int(id_number[6:10])
            changes["id_number"] = ["***", "***"]
        if phone:
            resident.phone = phone
        resident.save()
        _audit(AuditAction.UPDATE, by=by, obj=resident, community=resident.household.grid.community,
               request=request, changes=changes)
    return resident


def households_import(*, rows: Sequence[dict[str, Any]], by: Any, request: Any = None) -> list[Household]:
    """Save every checked row of an import (importing.parse_households): one household with its
    head of household each, in one transaction."""
    with transaction.atomic():
        households: list[Household] = Household.objects.bulk_create([
            Household(grid=row["grid"], address=row["address"], address_digest=address_digest(row["address"]),
                      building=row["building"], needs=row["needs"]) for row in rows])
        Resident.objects.bulk_create([
            Resident(household=h, name=row["head_name"], relation="户主", id_number=row["id_number"] or None,
                     id_number_digest=id_number_digest(row["id_number"]) if row["id_number"] else "",
                     phone=row["phone"] or None, birth_year=int(row["id_number"][6:10]) if row["id_number"] else None)
            for h, row in zip(households, rows, strict=True)])
        Through = Household.tags.through
        Through.objects.bulk_create([Through(household_id=h.pk, situationtag_id=t.pk)
                                     for h, row in zip(households, rows, strict=True) for t in row["tags"]])
        community = rows[0]["grid"].community if rows else None
        audit_record(action=AuditAction.IMPORT, user=by, object_type="grid.household", organization=community,
                     changes={"rows": [None, len(households)]}, request=request)
    return households


# --- member–household links ----------------------------------------------------------------------

def household_link(*, member: Any, household: Household, since: dt.date | None = None, by: Any,
                   request: Any = None) -> HouseholdLink:
    """党员联系户: a member of the household's community keeps in touch with it."""
    if member.organization_id != household.grid.community_id:
        raise GridError(_("只能联系本社区的党员。"), field="member")
    with transaction.atomic():
        link: HouseholdLink
        link, created = HouseholdLink.objects.get_or_create(
            member=member, household=household,
            defaults={"since": since or timezone.localdate(), "created_by": by})
        if created:
            _audit(AuditAction.CREATE, by=by, obj=link, community=household.grid.community, request=request,
                   changes={"member": [None, member.pk], "household": [None, household.pk]})
    return link


def household_unlink(*, link: HouseholdLink, by: Any, request: Any = None) -> None:
    with transaction.atomic():
        _audit(AuditAction.DELETE, by=by, obj=link, community=link.household.grid.community, request=request,
               changes={"member": [link.member_id, None], "household": [link.household_id, None]})
        link.delete()


# --- visit diaries -------------------------------------------------------------------------------

def case_catalogue() -> Catalogue:
    """The catalogue of case categories in force (the one the cases part uses)."""
    from pingxing.grid import services_cases

    result: Catalogue = services_cases.case_catalogue()
    return result


@dataclass(frozen=True)
class Concern:
    text: str
    category: str  # a code of the case catalogue


def visit_record(*, grid: Grid, occurred_on: dt.date, heard: str, by: Any, kind: str = "visit",
                 households: Sequence[Household] = (), place: str = "", participants: int | None = None,
                 done: str = "", photos: Sequence[Any] = (), concerns: Sequence[Concern] = (),
                 needs_note: str = "", tag: SituationTag | None = None, client_key: uuid.UUID | None = None,
                 today: dt.date | None = None, request: Any = None) -> tuple[Visit, bool]:
    """Record a 民情日记 entry once; it feeds everything: the households' files (history, a needs
    note, a tag), the recorder's contact coverage, and one service case per concern.

    A `client_key` already saved answers the saved visit (created False): a phone sending its
    offline queue twice saves once."""
    if client_key is not None:
        existing = Visit.objects.filter(client_key=client_key).first()
        if existing is not None:
            return _repeat(existing, by)
    _check_visit(grid=grid, kind=kind, occurred_on=occurred_on, heard=heard, households=households, place=place,
                 photos=photos, concerns=concerns, today=today or timezone.localdate())
    try:
        with transaction.atomic():
            visit = Visit.objects.create(
                kind=kind, grid=grid, recorded_by=by, member_id=getattr(by, "member_id", None),
                occurred_on=occurred_on, place=place.strip()[:100], participants=participants,
                heard=heard.strip(), done=done.strip(), client_key=client_key or uuid.uuid4())
            visit.households.set(list(households))
            for upload in photos:
                photo = VisitPhoto(visit=visit, original_name=shortened_name(upload.name, 200))
                photo.file.save(stored_name(upload.name), upload, save=True)
            _feed_households(households, needs_note=needs_note, tag=tag, day=occurred_on)
            _audit(AuditAction.CREATE, by=by, obj=visit, community=grid.community, request=request,
                   changes={"grid": [None, grid.code], "kind": [None, kind], "households": [None, len(households)],
                            "concerns": [None, len(concerns)]})
            for concern in concerns:
                _open_case(visit=visit, concern=concern, households=households, by=by, request=request)
    except IntegrityError:
        existing = Visit.objects.filter(client_key=client_key).first() if client_key else None
        if existing is None:
            raise
        return _repeat(existing, by)
    return visit, True


def _repeat(existing: Visit, by: Any) -> tuple[Visit, bool]:
    if existing.recorded_by_id != by.pk:
        raise GridError(_("该记录已由他人提交。"), field="client_key")
    return existing, False


def _check_visit(*, grid: Grid, kind: str, occurred_on: dt.date, heard: str, households: Sequence[Household],
                 place: str, photos: Sequence[Any], concerns: Sequence[Concern], today: dt.date) -> None:
    if kind not in VisitKind.values:
        raise GridError(_("请选择类型。"), field="kind")
    if occurred_on > today:
        raise GridError(_("日期不能晚于今天。"), field="occurred_on")
    if not (heard or "").strip():
        raise GridError(_("请填写听到的民情民意。"), field="heard")
    if any(h.grid_id != grid.pk for h in households):
        raise GridError(_("所选的户不在该网格。"), field="households")
    if not households and not (place or "").strip():
        raise GridError(_("请选择走访的户，或填写地点。"), field="households")
    if len(photos) > MAX_PHOTOS:
        raise GridError(_("照片最多 %(n)d 张。") % {"n": MAX_PHOTOS}, field="photos")
    for upload in photos:
        if problem := upload_problem(upload, allowed=PHOTOS):
            raise GridError(problem, field="photos")
    codes = set(case_catalogue().codes)
    for concern in concerns:
        if not concern.text.strip():
            raise GridError(_("请填写问题内容。"), field="concerns")
        if concern.category not in codes:
            raise GridError(_("请为问题“%(text)s”选择类别。") % {"text": concern.text[:20]}, field="concerns")


def _feed_households(households: Sequence[Household], *, needs_note: str, tag: SituationTag | None,
                     day: dt.date) -> None:
    note = (needs_note or "").strip()
    for household in households:
        if note:
            household.needs = f"{household.needs}\n{day:%Y-%m-%d} {note}".strip()
            household.save(update_fields=["needs", "updated_at"])
        if tag is not None:
            household.tags.add(tag)


def _open_case(*, visit: Visit, concern: Concern, households: Sequence[Household], by: Any, request: Any) -> None:
    """One service case per concern, prefilled from the visit (the cases part's service)."""
    from pingxing.grid import services_cases

    text = concern.text.strip()
    # the case carries what was heard, so the handler need not open the diary to understand it
    heard = visit.heard.strip()
    label = _("走访所见所闻")
    description = text if not heard or heard == text else f"{text}\n\n{label}：{heard}"
    services_cases.case_open_from_visit(visit=visit, category=concern.category, title=text[:100],
                                        description=description,
                                        household=households[0] if len(households) == 1 else None,
                                        by=by, request=request)


def visit_grade(*, visit: Visit, grade: str, note: str = "", by: Any, request: Any = None) -> Visit:
    """The team leader (网格长) of the visit's grid grades the diary entry (好/较好/一般)."""
    from pingxing.core.http import actor_of
    from pingxing.grid.access import grid_facts
    from pingxing.grid.permissions import can_grade_visit

    if not can_grade_visit(actor_of(by), grid_facts(visit.grid)):
        raise GridError(_("只有该网格的网格长可以审阅评价。"))
    if grade not in VisitGrade.values:
        raise GridError(_("请选择评价。"), field="grade")
    with transaction.atomic():
        changes = {"grade": [visit.grade, grade]}
        visit.grade, visit.review_note = grade, (note or "").strip()[:200]
        visit.reviewed_by, visit.reviewed_at = by, timezone.now()
        visit.save(update_fields=["grade", "review_note", "reviewed_by", "reviewed_at"])
        _audit(AuditAction.UPDATE, by=by, obj=visit, community=visit.grid.community, request=request, changes=changes)
    return visit
