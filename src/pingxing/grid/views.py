"""Pages of the grid network: grids and teams per community, household files (with Excel
import), member–household links, and the phone page of the visit diary with its offline queue
(a JSON endpoint and a service worker at /grid/sw.js)."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pingxing.core.access import deny, parse_id
from pingxing.core.excel import build_workbook, workbook_response
from pingxing.core.http import AuthenticatedHttpRequest, actor_of
from pingxing.core.imports import import_page
from pingxing.core.steps import run_write
from pingxing.grid import importing, permissions, queries, services
from pingxing.grid.access import (
    get_community_for_user,
    get_grid_for_user,
    get_household_for_user,
    get_team_member_for_user,
    get_visit_for_user,
    grid_facts,
    recordable_grids,
    visible_grids,
    visible_households,
)
from pingxing.grid.forms import (
    GradeForm,
    GridForm,
    HouseholdFilterForm,
    HouseholdForm,
    LinkForm,
    NameForm,
    ResidentForm,
    TeamMemberForm,
    VisitForm,
)
from pingxing.grid.models import (
    Grid,
    Household,
    HouseholdLink,
    Resident,
    SituationTag,
    TeamRole,
    Visit,
    VisitPhoto,
)
from pingxing.grid.services import GridError
from pingxing.members.models import Member
from pingxing.orgs.models import Organization

_done = partial(run_write, refusals=(GridError,))  # one write: message, then back


def _form_error(form: Any, error: GridError) -> None:
    form.add_error(error.field if error.field in form.fields else None, str(error))


# --- home, community, grids ------------------------------------------------------------------------

@login_required
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The community's grids for its staff; the street's (county's) table; a team member's grids."""
    user, actor = request.user, actor_of(request.user)
    if actor.role in permissions.KEEPING_ROLES and user.organization_id and \
            Organization.objects.communities().filter(pk=user.organization_id).exists():
        return redirect("grid:community", user.organization_id)
    today = timezone.localdate()
    context: dict[str, Any] = {"mine": list(visible_grids(user).order_by("community__path", "code")[:50])
                               if actor.role not in permissions.OVERSEEING_ROLES else []}
    if actor.role in permissions.OVERSEEING_ROLES and actor.org_path:
        communities = Organization.objects.communities().filter(path__startswith=actor.org_path).order_by("path")
        context["table"] = queries.street_table(communities=communities, today=today)
    context["can_keep_lists"] = permissions.can_keep_lists(actor)
    return render(request, "grid/network/home.html", context)


@login_required
def community(request: AuthenticatedHttpRequest, org_id: int) -> HttpResponse:
    org = get_community_for_user(request.user, org_id, request=request)
    today = timezone.localdate()
    large = queries.grids_of_community(org)
    ids = [g.pk for g in large] + [s.pk for g in large for s in g.small]
    cover = queries.coverage(grid_ids=ids, today=today)
    rows = [(g, cover[g.pk], [(s, cover[s.pk]) for s in g.small]) for g in large]
    keep = permissions.can_keep_community(actor_of(request.user), permissions.CommunityFacts(org.pk, org.path))
    return render(request, "grid/network/community.html", {
        "org": org, "rows": rows, "keep": keep, "total": queries.coverage(community_ids=[org.pk], today=today)[org.pk],
        "form": GridForm(large_grids=large) if keep else None})


@login_required
def grid_new(request: AuthenticatedHttpRequest, org_id: int) -> HttpResponse:
    org = get_community_for_user(request.user, org_id, check=permissions.can_keep_community, request=request)
    large = list(Grid.objects.filter(community=org, level="large"))
    form = GridForm(request.POST or None, large_grids=large)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            parent = next((g for g in large if g.pk == data["parent"]), None)
            grid = services.grid_create(
                community=org, level=data["level"], code=data["code"], name=data["name"], parent=parent,
                area=data["area"], addresses=form.address_lines(), boundary=services.boundary_parse(data["boundary"]),
                by=request.user, request=request)
        except GridError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("已添加网格“%(name)s”。") % {"name": grid.name})
            return redirect("grid:grid", grid.pk)
    return render(request, "grid/network/grid_form.html", {"org": org, "form": form})


@login_required
def grid_edit(request: AuthenticatedHttpRequest, grid_id: int) -> HttpResponse:
    grid = get_grid_for_user(request.user, grid_id, check=permissions.can_keep_grid, request=request)
    import json

    initial = {"code": grid.code, "name": grid.name, "area": grid.area, "addresses": "\n".join(grid.addresses),
               "boundary": json.dumps(grid.boundary, ensure_ascii=False) if grid.boundary else ""}
    form = GridForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.grid_update(grid=grid, code=data["code"], name=data["name"], area=data["area"],
                                 addresses=form.address_lines(), boundary=services.boundary_parse(data["boundary"]),
                                 by=request.user, request=request)
        except GridError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("已保存。"))
            return redirect("grid:grid", grid.pk)
    return render(request, "grid/network/grid_form.html", {"org": grid.community, "form": form, "grid": grid})


@login_required
def grid_detail(request: AuthenticatedHttpRequest, grid_id: int) -> HttpResponse:
    grid = get_grid_for_user(request.user, grid_id, request=request)
    actor, facts = actor_of(request.user), grid_facts(grid)
    keep = permissions.can_keep_grid(actor, facts)
    form = None
    if keep:
        members = Member.objects.filter(organization_id=grid.community_id).order_by("name").only("pk", "name")
        users = grid.community.users.order_by("username") if hasattr(grid.community, "users") else []
        form = TeamMemberForm(members=members, users=users)
    today = timezone.localdate()
    return render(request, "grid/network/grid.html", {
        "grid": grid, "team": queries.team_of(grid), "keep": keep, "form": form,
        "small": list(grid.children.order_by("code")),
        "cover": queries.coverage(grid_ids=[grid.pk], today=today)[grid.pk],
        "visits": queries.visits_of(grid.visits.all(), limit=20),
        "can_record": permissions.can_record_visit(actor, facts)})


@login_required
@require_POST
def team_add(request: AuthenticatedHttpRequest, grid_id: int) -> HttpResponse:
    grid = get_grid_for_user(request.user, grid_id, check=permissions.can_keep_grid, request=request)
    members = Member.objects.filter(organization_id=grid.community_id)
    users = grid.community.users.all() if hasattr(grid.community, "users") else []
    form = TeamMemberForm(request.POST, members=members.only("pk", "name"), users=users)

    def write() -> str:
        if not form.is_valid():
            raise GridError(_("请检查填写的内容。"))
        data = form.cleaned_data
        member = members.filter(pk=data["member"]).first() if data["member"] else None
        user = users.filter(pk=data["user"]).first() if data["user"] else None
        person = services.team_member_add(grid=grid, role=data["role"], name=data["name"], member=member, user=user,
                                          unit=data["unit"], phone=data["phone"], by=request.user, request=request)
        return _("已添加组团成员“%(name)s”。") % {"name": person.name}
    return _done(request, write, reverse("grid:grid", args=[grid.pk]))


@login_required
@require_POST
def team_remove(request: AuthenticatedHttpRequest, person_id: int) -> HttpResponse:
    person = get_team_member_for_user(request.user, person_id, request=request)

    def write() -> str:
        services.team_member_remove(person=person, by=request.user, request=request)
        return _("已移出组团。")
    return _done(request, write, reverse("grid:grid", args=[person.grid_id]))


@login_required
def lists(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The street keeps the team roles and the situation tags."""
    if not permissions.can_keep_lists(actor_of(request.user)):
        deny(request.user, "grid.lists", "", request)
    if request.method == "POST":
        form = NameForm(request.POST)

        def write() -> str:
            if not form.is_valid():
                raise GridError(_("请填写名称。"))
            if request.POST.get("list") == "role":
                services.team_role_create(name=form.cleaned_data["name"], leads=form.cleaned_data["leads"],
                                          by=request.user, request=request)
            else:
                services.situation_tag_create(name=form.cleaned_data["name"], by=request.user, request=request)
            return _("已添加。")
        return _done(request, write, reverse("grid:lists"))
    return render(request, "grid/network/lists.html", {"roles": TeamRole.objects.all(),
                                                       "tags": SituationTag.objects.all(), "form": NameForm()})


# --- household files ---------------------------------------------------------------------------

@login_required
def households(request: AuthenticatedHttpRequest) -> HttpResponse:
    grids = list(visible_grids(request.user).order_by("community__path", "code"))
    tags = list(SituationTag.objects.all())
    form = HouseholdFilterForm(request.GET or None, grids=grids, tags=tags)
    data = form.cleaned_data if form.is_valid() else {}
    rows = queries.household_list(visible_households(request.user), grid_id=data.get("grid"), tag_id=data.get("tag"))
    actor = actor_of(request.user)
    return render(request, "grid/network/households.html", {
        "form": form, "households": rows[:500], "grids": grids,
        "can_create": recordable_grids(request.user).exists(),
        "can_import": permissions.can_import_households(actor)})


@login_required
def household_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    grids = list(recordable_grids(request.user).order_by("code"))
    if not grids:
        deny(request.user, "grid.household", "new", request)
    form = HouseholdForm(request.POST or None, grids=grids, initial={"grid": parse_id(request.GET.get("grid"))})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            grid = next(g for g in grids if g.pk == data["grid"])
            household = services.household_create(grid=grid, address=data["address"], building=data["building"],
                                                   needs=data["needs"], note=data["note"], tags=data["tags"],
                                                   by=request.user, request=request)
        except GridError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("已建立民情档案。"))
            return redirect("grid:household", household.pk)
    return render(request, "grid/network/household_form.html", {"form": form})


@login_required
def household_edit(request: AuthenticatedHttpRequest, household_id: int) -> HttpResponse:
    household = get_household_for_user(request.user, household_id, check=permissions.can_keep_households,
                                       request=request)
    grids = list(Grid.objects.filter(community_id=household.grid.community_id).order_by("code"))
    initial = {"grid": household.grid_id, "address": household.address, "building": household.building,
               "needs": household.needs, "note": household.note, "tags": list(household.tags.all())}
    form = HouseholdForm(request.POST or None, grids=grids, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.household_update(household=household, grid=next(g for g in grids if g.pk == data["grid"]),
                                      address=data["address"], building=data["building"], needs=data["needs"],
                                      note=data["note"], tags=data["tags"], by=request.user, request=request)
        except GridError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("已保存。"))
            return redirect("grid:household", household.pk)
    return render(request, "grid/network/household_form.html", {"form": form, "household": household})


@login_required
def household_detail(request: AuthenticatedHttpRequest, household_id: int) -> HttpResponse:
    household = get_household_for_user(request.user, household_id, request=request)
    actor, facts = actor_of(request.user), grid_facts(household.grid)
    link_keep = permissions.can_link_households(actor, facts.community)
    members = Member.objects.filter(organization_id=household.grid.community_id).order_by("name").only("pk", "name")
    return render(request, "grid/network/household.html", {
        "household": household, "residents": list(household.residents.all()), "tags": list(household.tags.all()),
        "links": queries.links_of(household), "history": queries.household_history(household=household),
        "keep": permissions.can_keep_households(actor, facts), "link_keep": link_keep,
        "link_form": LinkForm(members=members) if link_keep else None, "resident_form": ResidentForm()})


@login_required
def resident_add(request: AuthenticatedHttpRequest, household_id: int) -> HttpResponse:
    household = get_household_for_user(request.user, household_id, check=permissions.can_keep_households,
                                       request=request)
    return _resident_page(request, household=household, resident=None)


@login_required
def resident_edit(request: AuthenticatedHttpRequest, resident_id: int) -> HttpResponse:
    resident = Resident.objects.filter(pk=parse_id(resident_id)).first()
    if resident is None:
        deny(request.user, "grid.resident", resident_id, request)
    household = get_household_for_user(request.user, resident.household_id, check=permissions.can_keep_households,
                                       request=request)
    return _resident_page(request, household=household, resident=resident)


def _resident_page(request: AuthenticatedHttpRequest, *, household: Any, resident: Resident | None) -> HttpResponse:
    initial = {"name": resident.name, "relation": resident.relation} if resident else None
    form = ResidentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if resident is None:
                services.resident_add(household=household, by=request.user, request=request, **data)
            else:
                services.resident_update(resident=resident, by=request.user, request=request, **data)
        except GridError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("已保存家庭成员。"))
            return redirect("grid:household", household.pk)
    return render(request, "grid/network/resident_form.html", {"form": form, "household": household,
                                                               "resident": resident})


@login_required
@require_POST
def link_add(request: AuthenticatedHttpRequest, household_id: int) -> HttpResponse:
    household = get_household_for_user(
        request.user, household_id, request=request,
        check=lambda actor, facts: permissions.can_link_households(actor, facts.community))
    member = Member.objects.filter(pk=parse_id(request.POST.get("member")),
                                   organization_id=household.grid.community_id).first()

    def write() -> str:
        if member is None:
            raise GridError(_("请选择本社区的党员。"))
        services.household_link(member=member, household=household, by=request.user, request=request)
        return _("已设为党员联系户。")
    return _done(request, write, reverse("grid:household", args=[household.pk]))


@login_required
@require_POST
def link_remove(request: AuthenticatedHttpRequest, link_id: int) -> HttpResponse:
    link = HouseholdLink.objects.filter(pk=parse_id(link_id)).first()
    if link is None:
        deny(request.user, "grid.link", link_id, request)
    household = get_household_for_user(
        request.user, link.household_id, request=request,
        check=lambda actor, facts: permissions.can_link_households(actor, facts.community))

    def write() -> str:
        services.household_unlink(link=link, by=request.user, request=request)
        return _("已取消联系。")
    return _done(request, write, reverse("grid:household", args=[household.pk]))


@login_required
def households_import(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not permissions.can_import_households(actor_of(request.user)):
        deny(request.user, "grid.household", "import", request)
    return import_page(request, parse=importing.parse_households, save=services.households_import,
                       done_message=_("已导入 %(n)d 户民情档案"), done_url="grid:households",
                       template_url="grid:households_template", title=_("导入民情档案"))


@login_required
def households_template(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not permissions.can_import_households(actor_of(request.user)):
        deny(request.user, "grid.household", "template", request)
    return workbook_response(build_workbook("民情档案", importing.COLUMNS), "民情档案导入模板.xlsx")


# --- visit diaries -------------------------------------------------------------------------------

def visit_context(request: AuthenticatedHttpRequest) -> dict[str, Any] | None:
    """The visit page's grids (those the user records in), their households and the catalogue;
    None when the user records in no grid."""
    grids = list(recordable_grids(request.user).order_by("code"))
    if not grids:
        return None
    tags = list(SituationTag.objects.all())
    form = VisitForm(request.POST or None, grids=grids, tags=tags,
                     initial={"occurred_on": timezone.localdate(), "grid": grids[0].pk})
    homes = list(Household.objects.filter(grid__in=grids).order_by("grid_id", "building", "pk")
                 .only("pk", "grid_id", "building", "address"))
    return {"form": form, "grids": grids, "tags": tags, "households": homes,
            "categories": services.case_catalogue().categories, "concern_rows": range(3), "max_photos": services.MAX_PHOTOS}


def visit_from_post(request: AuthenticatedHttpRequest, context: dict[str, Any],
                    photos: list[Any]) -> tuple[Visit | None, dict[str, list[str]]]:
    """Record the posted visit: (visit, {}) or (None, errors by field). The visit carries
    `_created` (False when its client_key was saved before)."""
    form: VisitForm = context["form"]
    if not form.is_valid():
        return None, {k: [str(e) for e in v] for k, v in form.errors.items()}
    data = form.cleaned_data
    grid = next(g for g in context["grids"] if g.pk == data["grid"])
    chosen = {parse_id(v) for v in request.POST.getlist("households")}
    homes = [h for h in context["households"] if h.pk in chosen and h.grid_id == grid.pk]
    if len(homes) != len(chosen - {0}):
        return None, {"households": [_("所选的户不在该网格。")]}
    concerns = [services.Concern(text=t.strip(), category=c.strip()) for t, c in
                zip(request.POST.getlist("concern_text"), request.POST.getlist("concern_category"), strict=False)
                if t.strip()]
    tag = next((t for t in context["tags"] if t.pk == data["tag"]), None)
    try:
        visit, created = services.visit_record(
            grid=grid, kind=data["kind"], occurred_on=data["occurred_on"], heard=data["heard"], done=data["done"],
            households=homes, place=data["place"], participants=data["participants"],
            photos=photos, concerns=concerns, needs_note=data["needs_note"], tag=tag,
            client_key=data["client_key"], by=request.user, request=request)
    except GridError as error:
        return None, {error.field or "__all__": [str(error)]}
    visit._created = created  # type: ignore[attr-defined]
    return visit, {}


@login_required
def visit_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The phone page of a visit (works offline through visit-queue.js and the service worker)."""
    context = visit_context(request)
    if context is None:
        deny(request.user, "grid.visit", "new", request)
    if request.method == "POST":
        visit, errors = visit_from_post(request, context, request.FILES.getlist("photos"))
        if visit is not None:
            messages.success(request, _("已记录民情日记。"))
            return redirect("grid:visit", visit.pk)
        for field, problems in errors.items():
            for problem in problems:
                context["form"].add_error(field if field in context["form"].fields else None, problem)
    return render(request, "grid/network/visit_form.html", context)


def _json(data: dict[str, Any], status: int) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def visit_queue(request: HttpRequest) -> JsonResponse:
    """The offline queue sends here: 201 with the new visit's id, 200 with the same id for a
    client_key already saved, 400 with the errors by field."""
    if request.method != "POST":
        return _json({"errors": {"": [_("只接受提交。")]}}, 405)
    if not request.user.is_authenticated:
        return _json({"errors": {"": [_("请先登录。")]}}, 401)
    context = visit_context(request)  # type: ignore[arg-type]
    if context is None:
        return _json({"errors": {"grid": [_("您不在任何网格组团中。")]}}, 400)
    visit, errors = visit_from_post(request, context, request.FILES.getlist("photos"))  # type: ignore[arg-type]
    if visit is None:
        return _json({"errors": errors}, 400)
    return _json({"id": visit.pk, "url": reverse("grid:visit", args=[visit.pk])},
                 201 if getattr(visit, "_created", False) else 200)


@login_required
def visits(request: AuthenticatedHttpRequest) -> HttpResponse:
    """民情日记: the user's own entries and those of the grids the user reads."""
    mine = queries.visits_of(request.user.grid_visits.all(), limit=50)
    grid_ids = visible_grids(request.user).values("pk")
    others = queries.visits_of(Visit.objects.filter(grid_id__in=grid_ids).exclude(recorded_by=request.user), limit=50)
    return render(request, "grid/network/visits.html", {"mine": mine, "others": others,
                                                        "can_record": recordable_grids(request.user).exists()})


@login_required
def visit_detail(request: AuthenticatedHttpRequest, visit_id: int) -> HttpResponse:
    visit = get_visit_for_user(request.user, visit_id, request=request)
    can_grade = permissions.can_grade_visit(actor_of(request.user), grid_facts(visit.grid))
    return render(request, "grid/network/visit.html", {
        "visit": visit, "households": list(visit.households.all()), "photos": list(visit.photos.all()),
        "cases": list(visit.cases.all()) if hasattr(visit, "cases") else [],
        "grade_form": GradeForm(initial={"grade": visit.grade, "note": visit.review_note}) if can_grade else None})


@login_required
@require_POST
def visit_grade(request: AuthenticatedHttpRequest, visit_id: int) -> HttpResponse:
    visit = get_visit_for_user(request.user, visit_id, check=permissions.can_grade_visit, request=request)
    form = GradeForm(request.POST)

    def write() -> str:
        if not form.is_valid():
            raise GridError(_("请选择评价。"))
        services.visit_grade(visit=visit, grade=form.cleaned_data["grade"], note=form.cleaned_data["note"],
                             by=request.user, request=request)
        return _("已审阅。")
    return _done(request, write, reverse("grid:visit", args=[visit.pk]))


@login_required
def visit_photo(request: AuthenticatedHttpRequest, photo_id: int) -> FileResponse:
    photo = VisitPhoto.objects.filter(pk=parse_id(photo_id)).first()
    if photo is None:
        deny(request.user, "grid.photo", photo_id, request)
    get_visit_for_user(request.user, photo.visit_id, request=request)
    if not photo.file:
        raise Http404
    return FileResponse(photo.file.open("rb"), filename=photo.original_name or None)


def service_worker(request: HttpRequest) -> HttpResponse:
    """The offline service worker, served at /grid/sw.js so that its scope is /grid/."""
    response = render(request, "grid/network/sw.js", {}, content_type="application/javascript")
    response["Cache-Control"] = "no-cache"
    return response
