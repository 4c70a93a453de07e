"""Pages of regional Party building (区域化党建, seed 四.2): the street's outside units (驻区单位)
and a regional organization's member units (成员单位)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pingxing.core.access import deny, parse_id
from pingxing.core.forms import add_service_errors
from pingxing.core.http import AuthenticatedHttpRequest, actor_of
from pingxing.orgs import permissions, services, services_regional
from pingxing.orgs.access import get_org_for_user, visible_orgs, visible_outside_units
from pingxing.orgs.forms import LeaveForm, MemberUnitForm, OutsideUnitForm
from pingxing.orgs.models import REGIONAL_KINDS, MemberUnit, Organization, OrgLevel, OutsideUnit


def _street_of_user(request: AuthenticatedHttpRequest) -> Organization | None:
    org = getattr(request.user, "organization", None)
    return org if org is not None and org.level == OrgLevel.STREET else None


@login_required
def outside_units(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The outside units the user may read; street staff register new ones for their street."""
    if not permissions.can_manage_outside_units(actor_of(request.user)):
        deny(request.user, "orgs.outside_unit", "list", request)
    street = _street_of_user(request)
    form = OutsideUnitForm(request.POST or None) if street is not None else None
    if request.method == "POST":
        if form is None or street is None:
            deny(request.user, "orgs.outside_unit", "new", request)
        if form.is_valid():
            try:
                unit = services.outside_unit_create(street=street, by=request.user, request=request,
                                                    **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("已登记驻区单位“%(name)s”") % {"name": unit.name})
                return redirect("orgs:outside_units")
    units = visible_outside_units(request.user).order_by("street__path", "name")
    return render(request, "orgs/outside_units.html", {"units": units, "form": form, "street": street})


def _unit_for_edit(request: AuthenticatedHttpRequest, unit_id: int) -> OutsideUnit:
    unit: OutsideUnit | None = (visible_outside_units(request.user).filter(pk=parse_id(unit_id)).first())
    actor = actor_of(request.user)
    if unit is None or not (permissions.can_manage_outside_units(actor)
                            and permissions.can_write_org(actor, unit.street.path)):
        deny(request.user, "orgs.outside_unit", unit_id, request)
    return unit


@login_required
def outside_unit_edit(request: AuthenticatedHttpRequest, unit_id: int) -> HttpResponse:
    unit = _unit_for_edit(request, unit_id)
    initial = {f: getattr(unit, f) or "" for f in ("name", "category", "address", "contact_name", "note")}
    form = OutsideUnitForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        if not fields["contact_phone"]:  # blank keeps the phone on record (it is never shown in full)
            fields.pop("contact_phone")
        try:
            services_regional.outside_unit_update(unit=unit, by=request.user, request=request, **fields)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已保存驻区单位“%(name)s”") % {"name": unit.name})
            return redirect("orgs:outside_units")
    return render(request, "orgs/outside_unit_form.html", {"form": form, "unit": unit})


def _regional_for_write(request: AuthenticatedHttpRequest, org_id: int) -> Organization:
    org = get_org_for_user(request.user, org_id, request=request)
    if org.kind not in REGIONAL_KINDS or not permissions.can_manage_member_units(actor_of(request.user), org.path):
        deny(request.user, "orgs.member_unit", org_id, request)
    return org


def member_unit_form(request: AuthenticatedHttpRequest, regional: Organization,
                     data: object = None) -> MemberUnitForm:
    """The add-a-member-unit form: organizations of the regional organization's street, its outside units."""
    street = regional.street()
    orgs = (visible_orgs(request.user).filter(level=OrgLevel.ORGANIZATION, path__startswith=street.path)
            .exclude(pk=regional.pk).exclude(kind__in=list(REGIONAL_KINDS)).order_by("path")
            if street is not None else Organization.objects.none())
    units = OutsideUnit.objects.filter(street=street).order_by("name") if street is not None else []
    return MemberUnitForm(data, orgs=[(o.pk, o.name) for o in orgs], units=[(u.pk, u.name) for u in units],
                          initial={"joined_on": timezone.localdate()})


@login_required
@require_POST
def member_unit_add(request: AuthenticatedHttpRequest, org_id: int) -> HttpResponse:
    regional = _regional_for_write(request, org_id)
    form = member_unit_form(request, regional, request.POST)
    if form.is_valid():
        d = form.cleaned_data
        organization = visible_orgs(request.user).filter(pk=d["organization"]).first() if d["organization"] else None
        outside = (visible_outside_units(request.user).filter(pk=d["outside_unit"]).first()
                   if d["outside_unit"] else None)
        if organization is None and outside is None:
            messages.error(request, _("所选单位不存在或无权查看。"))
            return redirect("orgs:detail", regional.pk)
        try:
            unit = services_regional.member_unit_add(regional=regional, organization=organization,
                                                     outside_unit=outside, role=d["role"], joined_on=d["joined_on"],
                                                     by=request.user, request=request)
        except ValidationError as exc:
            for errors in exc.message_dict.values():
                for error in errors:
                    messages.error(request, error)
        else:
            messages.success(request, _("已加入成员单位“%(name)s”") % {"name": unit.unit_name})
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("orgs:detail", regional.pk)


@login_required
@require_POST
def member_unit_remove(request: AuthenticatedHttpRequest, unit_id: int) -> HttpResponse:
    unit: MemberUnit | None = (MemberUnit.objects.select_related("regional").filter(pk=parse_id(unit_id)).first())
    if unit is None:
        deny(request.user, "orgs.member_unit", unit_id, request)
    regional = _regional_for_write(request, unit.regional_id)
    form = LeaveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写退出日期。"))
        return redirect("orgs:detail", regional.pk)
    try:
        services_regional.member_unit_remove(member_unit=unit, left_on=form.cleaned_data["left_on"],
                                             by=request.user, request=request)
    except ValidationError as exc:
        for errors in exc.message_dict.values():
            for error in errors:
                messages.error(request, error)
    else:
        messages.success(request, _("“%(name)s”已退出成员单位") % {"name": unit.unit_name})
    return redirect("orgs:detail", regional.pk)
