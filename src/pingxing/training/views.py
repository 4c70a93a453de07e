"""Training pages (phone-first): courses with their sessions, a session's attendance and its
Excel import, the hours table of an organization or subtree with its export, the offices'
hours targets, and the member's 我的培训."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pingxing.core.access import deny
from pingxing.core.audit import AuditAction, audit_record
from pingxing.core.excel import Column, build_workbook, workbook_response
from pingxing.core.http import AuthenticatedHttpRequest, actor_of
from pingxing.core.imports import import_page
from pingxing.training import access, importing, permissions, queries, services
from pingxing.training.forms import CourseForm, SessionForm, TargetForm, YearForm
from pingxing.training.models import Course, TraineeCategory

CATEGORY_LABELS = dict(TraineeCategory.choices)


@login_required
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    actor = actor_of(request.user)
    if permissions.has_own_training(actor):
        return redirect("training:mine")
    if permissions.can_browse_training(actor):
        return redirect("training:courses")
    deny(request.user, "training.index", "", request)


def _courses_context(request: AuthenticatedHttpRequest, form: CourseForm | None = None) -> dict[str, Any]:
    year = YearForm(request.GET or None).year_or_this()
    actor = actor_of(request.user)
    organizers = [(o.pk, o.name) for o in access.manageable_orgs(request.user).order_by("path")]
    own = request.user.organization
    return {
        "year": year, "courses": queries.course_list(access.visible_courses(request.user), year=year),
        "can_add": permissions.can_add_courses(actor) and bool(organizers),
        "form": form or CourseForm(organizers=organizers, initial={"year": year, "organizer": own.pk if own else None}),
        "own_org": own, "can_set_targets": own is not None and permissions.can_set_targets(actor, access.org_facts(own)),
    }


@login_required
def course_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not permissions.can_browse_training(actor_of(request.user)):
        deny(request.user, "training.course", "list", request)
    return render(request, "training/courses.html", _courses_context(request))


@login_required
@require_POST
def course_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not permissions.can_add_courses(actor_of(request.user)):
        deny(request.user, "training.course", "new", request)
    organizers = {o.pk: o for o in access.manageable_orgs(request.user)}
    form = CourseForm(request.POST, organizers=[(pk, o.name) for pk, o in organizers.items()])
    if form.is_valid():
        data = form.cleaned_data
        try:
            course = services.course_create(title=data["title"], channel=data["channel"], audience=data["audience"],
                                            organizer=organizers[data["organizer"]], year=data["year"],
                                            description=data["description"], by=request.user, request=request)
            messages.success(request, _("已新增课程“%(title)s”。") % {"title": course.title})
            return redirect("training:course", course.pk)
        except services.TrainingError as exc:
            form.add_error(None, str(exc))
    return render(request, "training/courses.html", _courses_context(request, form), status=400)


def _course_context(request: AuthenticatedHttpRequest, course: Course, form: SessionForm | None = None) -> dict[str, Any]:
    return {"course": course, "sessions": queries.course_sessions(course),
            "can_manage": permissions.can_manage_course(actor_of(request.user), access.org_facts(course.organizer)),
            "form": form or SessionForm(initial={"hours": "2.0"})}


@login_required
def course_detail(request: AuthenticatedHttpRequest, course_id: int) -> HttpResponse:
    course = access.get_course_for_user(request.user, course_id, request=request)
    return render(request, "training/course.html", _course_context(request, course))


@login_required
@require_POST
def session_new(request: AuthenticatedHttpRequest, course_id: int) -> HttpResponse:
    course = access.get_course_for_user(request.user, course_id, check=permissions.can_manage_course,
                                        request=request)
    form = SessionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            session = services.session_create(course=course, date=data["date"], hours=data["hours"],
                                              place=data["place"], note=data["note"], by=request.user,
                                              request=request)
            messages.success(request, _("已新增培训场次。"))
            return redirect("training:session", session.pk)
        except services.TrainingError as exc:
            form.add_error(None, str(exc))
    return render(request, "training/course.html", _course_context(request, course, form), status=400)


@login_required
def session_detail(request: AuthenticatedHttpRequest, session_id: int) -> HttpResponse:
    session = access.get_session_for_user(request.user, session_id, request=request)
    attendances = queries.session_attendance(session, request.user)
    return render(request, "training/session.html", {
        "session": session, "course": session.course, "attendances": attendances,
        "can_manage": permissions.can_manage_course(actor_of(request.user), access.org_facts(session.course.organizer)),
    })


@login_required
def attendance_import(request: AuthenticatedHttpRequest, session_id: int) -> HttpResponse:
    """The clerk's upload of a session's attendance sheet: all rows saved, or none and every bad row named."""
    session = access.get_session_for_user(request.user, session_id, check=permissions.can_manage_course,
                                          request=request)

    def save(*, rows: list[dict[str, Any]], by: Any, request: Any) -> Any:
        try:
            return services.attendance_import(session=session, rows=rows, by=by, request=request)
        except services.TrainingError as exc:
            messages.error(request, str(exc))
            return redirect("training:import", session.pk)

    return import_page(
        request, parse=partial(importing.parse_attendance, session=session), save=save,
        done_message=_("已导入 %(n)d 条参训记录"), done_url=reverse("training:session", args=[session.pk]),
        template_url="training:template", title=_("导入参训记录"), template="training/import.html",
        extra_context={"session": session, "course": session.course},
    )


@login_required
def attendance_template(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not permissions.can_add_courses(actor_of(request.user)):
        deny(request.user, "training.template", "", request)
    return workbook_response(build_workbook(_("参训记录"), importing.COLUMNS), "参训记录导入模板.xlsx")


@login_required
def hours(request: AuthenticatedHttpRequest, org_id: int) -> HttpResponse:
    """The hours table of an organization and everything below it: person, category, hours, target, shortfall."""
    org = access.get_hours_org_for_user(request.user, org_id, request=request)
    year = YearForm(request.GET or None).year_or_this()
    table = queries.hours_table(org, year=year)
    return render(request, "training/hours.html", {
        "org": org, "year": year, "table": table, "categories": CATEGORY_LABELS,
        "lines": [(r, CATEGORY_LABELS.get(r.category, ""), table.org_names.get(r.org_id, "")) for r in table.rows],
    })


def _export_columns() -> tuple[Column, ...]:
    return (Column(_("姓名"), width=12), Column(_("所在组织"), width=26), Column(_("类别"), width=12),
            Column(_("参训场次")), Column(_("学时")), Column(_("年度目标")), Column(_("差额")),
            Column(_("是否达标"), width=10))


@login_required
def hours_export(request: AuthenticatedHttpRequest, org_id: int) -> HttpResponse:
    """The hours table as Excel (every cell inert); audited."""
    org = access.get_hours_org_for_user(request.user, org_id, request=request)
    year = YearForm(request.GET or None).year_or_this()
    table = queries.hours_table(org, year=year)
    lines = [[r.name, table.org_names.get(r.org_id, ""), str(CATEGORY_LABELS.get(r.category, "")), r.sessions,
              float(r.hours), float(r.target), float(r.shortfall), _("未达标") if r.below_target else _("达标")]
             for r in table.rows]
    audit_record(action=AuditAction.EXPORT, user=request.user, object_type="training.hours", object_id=str(org.pk),
                 organization=org, changes={"rows": [None, len(lines)], "year": [None, year]}, request=request)
    wb = build_workbook(_("培训学时"), _export_columns(), lines)
    return workbook_response(wb, f"培训学时-{org.name}-{year}.xlsx")


@login_required
def targets(request: AuthenticatedHttpRequest, org_id: int) -> HttpResponse:
    """The office's yearly hours targets per category (empty: the default or the office above)."""
    org = access.get_target_org_for_user(request.user, org_id, request=request)
    year = YearForm(request.GET or None).year_or_this()
    form = TargetForm(request.POST or None, initial={"year": year})
    if request.method == "POST" and form.is_valid():
        year = form.cleaned_data["year"]
        try:
            for value in TraineeCategory.values:
                services.target_set(organization=org, year=year, category=value, hours=form.cleaned_data[value],
                                    by=request.user, request=request)
            messages.success(request, _("已保存%(year)s年度学时目标。") % {"year": year})
            return redirect(f"{reverse('training:targets', args=[org.pk])}?year={year}")
        except services.TrainingError as exc:
            form.add_error(None, str(exc))
    lines = queries.target_lines(org, year=year)
    if request.method != "POST":
        form = TargetForm(initial={"year": year, **{line.category: line.own for line in lines}})
    return render(request, "training/targets.html", {"org": org, "year": year, "form": form, "lines": lines},
                  status=400 if request.method == "POST" else 200)


@login_required
def mine(request: AuthenticatedHttpRequest) -> HttpResponse:
    """我的培训: the member's sessions of the year and their hours against the target."""
    actor = actor_of(request.user)
    if not permissions.has_own_training(actor):
        deny(request.user, "training.mine", "", request)
    year = YearForm(request.GET or None).year_or_this()
    return render(request, "training/mine.html", {
        "year": year, "mine": queries.member_training(request.user.member_id, year=year),
    })
