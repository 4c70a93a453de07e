"""Pages of the leadership roster (两委班子) and the street's structure table."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pingxing.cadres import permissions, queries, services
from pingxing.cadres.access import get_org_for_user, get_post_for_user, org_facts
from pingxing.cadres.forms import EndPostForm, PostForm
from pingxing.cadres.models import AGE_BAND_LABELS, Body
from pingxing.cadres.services import CadreError
from pingxing.cadres.structure import age_on as cadre_age
from pingxing.cadres.structure import band_of, structure_of
from pingxing.cadres.views.common import done
from pingxing.core.audit import AuditAction, audit_record
from pingxing.core.excel import Column, build_workbook, workbook_response
from pingxing.core.forms import errors_text
from pingxing.core.http import AuthenticatedHttpRequest, actor_of
from pingxing.members.models import Education, Gender, Member


@login_required
def roster(request: AuthenticatedHttpRequest, org_id: int) -> HttpResponse:
    """An organization's 两委班子: ages as bands and education levels, never ID or phone."""
    org = get_org_for_user(request.user, org_id, request=request)
    today = timezone.localdate()
    posts = queries.current_posts(org, on=today)
    cross = queries.cross_held_names(posts)
    rows = [{"post": p, "band": AGE_BAND_LABELS[band_of(cadre_age(p.holder_birth_date, today))]
             if p.holder_birth_date else "—",
             "education": Education(p.holder_education).label if p.holder_education else "—",
             "gender": Gender(p.holder_gender).label if p.holder_gender else "—",
             "cross": p.holder_name in cross} for p in posts]
    structure = structure_of([queries.facts_of_post(p) for p in posts], on=today)
    can_keep = permissions.can_keep_roster(actor_of(request.user), org_facts(org))
    context = {"org": org, "bodies": [(label, [r for r in rows if r["post"].body == value])
                                      for value, label in Body.choices],
               "structure": structure, "labelled": queries.labelled(structure), "can_keep": can_keep,
               "can_propose": permissions.can_propose_adjustment(actor_of(request.user), org_facts(org))}
    if can_keep:
        context["post_form"] = PostForm(members=Member.objects.filter(organization=org).order_by("name"))
        context["end_form"] = EndPostForm()
    return render(request, "cadres/roster.html", context)


@login_required
@require_POST
def post_add(request: AuthenticatedHttpRequest, org_id: int) -> HttpResponse:
    org = get_org_for_user(request.user, org_id, check=permissions.can_keep_roster, request=request)
    members = Member.objects.filter(organization=org)

    def write() -> str:
        form = PostForm(request.POST, members=members)
        if not form.is_valid():
            raise CadreError(errors_text(form))
        data = dict(form.cleaned_data)
        member_id = data.pop("member")
        member = members.filter(pk=member_id).first() if member_id else None
        services.post_create(organization=org, member=member, by=request.user, request=request, **data)
        return _("已添加班子成员。")
    return done(request, write, reverse("cadres:roster", args=[org.pk]))


@login_required
@require_POST
def leadership_evaluation(request: AuthenticatedHttpRequest, org_id: int) -> HttpResponse:
    """Start this year's members' evaluation of the party committee (a secret ballot)."""
    org = get_org_for_user(request.user, org_id, check=permissions.can_keep_roster, request=request)
    try:
        evaluation = services.leadership_evaluation_start(organization=org, year=timezone.localdate().year,
                                                          by=request.user, request=request)
    except CadreError as error:
        messages.error(request, str(error))
        return redirect(reverse("cadres:roster", args=[org.pk]))
    messages.success(request, _("已建立班子成员民主评议，请设置测评时间后开始投票。"))
    return redirect(reverse("evaluations:detail", args=[evaluation.pk]))


@login_required
@require_POST
def post_end(request: AuthenticatedHttpRequest, post_id: int) -> HttpResponse:
    post = get_post_for_user(request.user, post_id, check=permissions.can_keep_roster, request=request)

    def write() -> str:
        form = EndPostForm(request.POST)
        if not form.is_valid():
            raise CadreError(errors_text(form))
        services.post_end(post=post, by=request.user, request=request, **form.cleaned_data)
        return _("已登记离任。")
    return done(request, write, reverse("cadres:roster", args=[post.organization_id]))


def _structure_root(request: AuthenticatedHttpRequest) -> Any:
    if not permissions.can_view_structure(actor_of(request.user)):
        raise Http404
    return request.user.organization


@login_required
def structure(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The street's table: one row per community of its subtree (年龄结构、文化素质, 5★ 1)."""
    root = _structure_root(request)
    rows = queries.structure_rows(root, on=timezone.localdate())
    return render(request, "cadres/structure.html",
                  {"root": root, "rows": rows, "bands": list(AGE_BAND_LABELS.values())})


EXPORT_HEADERS = ("党组织", "人数", "35岁及以下", "36–45岁", "46–55岁", "56岁及以上", "平均年龄",
                  "大专及以上", "大专及以上占比（%）", "女性", "交叉任职")


@login_required
def structure_export(request: AuthenticatedHttpRequest) -> HttpResponse:
    root = _structure_root(request)
    rows = queries.structure_rows(root, on=timezone.localdate())
    table = [[r.org.name, r.structure.head_count, *(n for _k, n in r.structure.age_bands),
              r.structure.average_age if r.structure.average_age is not None else "",
              r.structure.college_and_above,
              r.structure.college_share if r.structure.college_share is not None else "",
              r.structure.women, "、".join(r.structure.cross_held)] for r in rows]
    audit_record(action=AuditAction.EXPORT, user=request.user, object_type="cadres.structure",
                 changes={"rows": [None, len(table)]}, request=request)
    wb = build_workbook(_("两委班子结构"), [Column(h) for h in EXPORT_HEADERS], table)
    return workbook_response(wb, "两委班子结构.xlsx")


@login_required
def my_roster(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The staff's own organization roster, or the structure table for the offices."""
    actor = actor_of(request.user)
    if permissions.can_view_structure(actor):
        return redirect("cadres:structure")
    if actor.role in permissions.ORG_STAFF and actor.org_id is not None:
        return redirect("cadres:roster", org_id=actor.org_id)
    raise Http404
