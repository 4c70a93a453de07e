"""Writes of the campaign. Every step goes through `CASES` (core.statemachine): the case's
row is locked and its state compare-and-set, so two people acting on one case at once
cannot both succeed; the step itself comes from the pure table of `workflow`."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pingxing import rubric
from pingxing.core.audit import AuditAction, audit_record, model_changes
from pingxing.core.http import ActingUser
from pingxing.core.statemachine import ConcurrentChange, StateMachine
from pingxing.orgs.models import Organization
from pingxing.ratings import engine, workflow
from pingxing.ratings.calendar import working_period
from pingxing.ratings.models import (
    Campaign,
    DayOff,
    FactCorrection,
    FactSheet,
    RatingCase,
    SheetStage,
    Transition,
)


class InvalidFacts(Exception):
    """The facts break the contract; `errors` name each field (zh-hans)."""

    def __init__(self, errors: list[dict[str, str]]) -> None:
        super().__init__("; ".join(f"{e['field']}: {e['message']}" for e in errors))
        self.errors = errors


class CaseChanged(ConcurrentChange, workflow.WorkflowError):
    """Someone else moved the case first (views show it as any refused step)."""

    def __init__(self, message: Any = None) -> None:
        super().__init__(message or gettext_lazy("该案卷刚被其他人处理过，请刷新页面后再操作。"))


CASES = StateMachine(model=RatingCase, transition_model=Transition, subject_field="case", conflict=CaseChanged)


def needs_acceptance(case: RatingCase, star: int | None) -> bool | None:
    """Whether `star` takes the acceptance path under the case's standard (None: no star)."""
    if star is None:
        return None
    return engine.standard(case.campaign.standard_id).needs_acceptance(star)


def case_step(
    *, case: RatingCase, action: str, part: str, by: ActingUser, star: int | None = None, reason: str = "",
    **also: Any,
) -> RatingCase:
    """Take one step of the table on a locked case (inside the caller's transaction)."""
    new_state = workflow.next_state(
        state=case.state, action=action, part=part, acceptance=needs_acceptance(case, star), reason=reason,
    )
    CASES.move(case, to_state=new_state, action=action, by=by, reason=reason, **also)
    return case


def campaign_open(
    *, year: int, by: ActingUser, declaration_deadline: date, assessment_deadline: date,
    county_deadline: date, notice_working_days: int = 5, standard_id: str | None = None,
) -> Campaign:
    """Open the year's campaign and a draft case for every community in the county."""
    std = engine.standard(standard_id)
    with transaction.atomic():
        campaign: Campaign = Campaign.objects.create(
            year=year, standard_id=std.id, standard_version=std.version,
            declaration_deadline=declaration_deadline, assessment_deadline=assessment_deadline,
            county_deadline=county_deadline, notice_working_days=notice_working_days, opened_by=by,
        )
        communities = Organization.objects.communities()
        if by.organization is not None:
            communities = communities.within(by.organization)
        RatingCase.objects.bulk_create(RatingCase(campaign=campaign, organization=o) for o in communities)
        audit_record(action=AuditAction.CREATE, user=by, obj=campaign,
                     changes={"year": [None, year], "standard": [None, f"{std.id}@{std.version}"]})
    return campaign


DRAFT_STAR_KEY = "declared_star"  # the star the secretary chose, kept in the draft beside the facts


def declaration_save_draft(
    *, case: RatingCase, facts: dict[str, Any], by: ActingUser, declared_star: int | None = None,
) -> RatingCase:
    """Keep what the secretary typed so far (and the star she chose); nothing is validated or
    frozen yet. Saving an unchanged draft writes nothing, so autosave adds no audit noise."""
    if not case.is_editable:
        raise workflow.WorkflowError(_("申报已提交，不能再修改草稿。"))
    draft = _with_identity(case, {k: v for k, v in facts.items() if k != DRAFT_STAR_KEY})
    if declared_star is not None:
        draft[DRAFT_STAR_KEY] = declared_star
    if draft == case.draft_facts:
        return case
    with transaction.atomic():
        before = dict(case.draft_facts)
        case.draft_facts = draft
        case.save(update_fields=["draft_facts", "updated_at"])
        audit_record(action=AuditAction.UPDATE, user=by, obj=case,
                     changes=model_changes(before, case.draft_facts))
    return case


def declaration_submit(*, case: RatingCase, facts: dict[str, Any], declared_star: int, by: ActingUser) -> FactSheet:
    """Freeze the declaration as a version; the engine's star is kept beside the declared one."""
    facts = _with_identity(case, {k: v for k, v in facts.items() if k != DRAFT_STAR_KEY})
    with transaction.atomic():
        CASES.lock(case)
        sheet = _freeze(case, str(SheetStage.DECLARATION), facts, by)
        case.draft_facts = {**facts, DRAFT_STAR_KEY: declared_star}
        case.declared_star = declared_star
        case.save(update_fields=["draft_facts", "declared_star", "updated_at"])
        case_step(case=case, action="declare", part=workflow.Part.COMMUNITY, by=by, star=sheet.star)
    return sheet


def assessment_submit(
    *, case: RatingCase, corrections: dict[str, tuple[Any, str]], by: ActingUser,
    inspection_date: date | None = None, inspectors: str = "", findings: str = "",
) -> FactSheet:
    """The street confirms or corrects each fact (value, reason); the engine gives the star."""
    return _corrected_sheet(case, str(SheetStage.ASSESSMENT), corrections, by, "assess", workflow.Part.STREET,
                            inspection_date=inspection_date, inspectors=inspectors, findings=findings)


def acceptance_record(
    *, case: RatingCase, corrections: dict[str, tuple[Any, str]], by: ActingUser,
    inspection_date: date | None, inspectors: str, findings: str, reason: str = "",
) -> FactSheet:
    """验收 by the county; if the corrected facts give a star below the acceptance path the
    case is approved at that star instead (with the reason). An inspection is recorded with
    its date and the members of the inspection group."""
    if inspection_date is None or not inspectors.strip():
        raise InvalidFacts([{"field": "_inspection", "message": _("请填写验收日期和验收组成员。"),
                             "message_en": "the inspection date and inspectors are required"}])
    with transaction.atomic():
        CASES.lock(case)
        facts = _apply_corrections(_latest_sheet(case).facts, corrections)
        star = engine.judge(facts, case.campaign.standard_id).star
        action = "accept" if needs_acceptance(case, star) else "accept_lower"
        if action == "accept_lower" and not reason:
            std = engine.standard(case.campaign.standard_id)
            reason = _("验收核定为%(star)s，不适用验收和公示，按县审定程序办理。") % {
                "star": std.star_title(star or 0)}
        return _corrected_sheet(case, str(SheetStage.ACCEPTANCE), corrections, by, action, workflow.Part.COUNTY,
                                inspection_date=inspection_date, inspectors=inspectors,
                                findings=findings, reason=reason)


def case_return(*, case: RatingCase, reason: str, by: ActingUser, part: str) -> RatingCase:
    """Send a case back: the street to the community, the county to the street."""
    action = "return_to_community" if part == workflow.Part.STREET else "return_to_street"
    with transaction.atomic():
        CASES.lock(case)
        case_step(case=case, action=action, part=part, by=by, reason=reason)
    return case


def case_approve(*, case: RatingCase, by: ActingUser) -> RatingCase:
    """县审定 at the assessed star."""
    with transaction.atomic():
        CASES.lock(case)
        case_step(case=case, action="approve", part=workflow.Part.COUNTY, by=by, star=case.assessed_star,
                  final_star=case.assessed_star)
    return case


def notice_start(*, case: RatingCase, by: ActingUser, starts_on: date | None = None) -> RatingCase:
    """公示 for the campaign's number of working days from `starts_on` (today).

    Working days skip China's public holidays, count its adjusted working days (调休) and
    skip the county's own days off (DayOff). For a year whose official holiday schedule is
    not known yet only weekends are skipped, and the step's record says so."""
    starts_on = starts_on or timezone.localdate()
    period = working_period(starts_on, case.campaign.notice_working_days,
                            days_off=set(DayOff.objects.filter(date__gte=starts_on).values_list("date", flat=True)))
    note = ""
    if period.is_estimate:
        note = _("公示截止日仅按周末推算：尚未收录%(years)s年国家法定节假日安排，请核对。") % {
            "years": "、".join(str(y) for y in period.estimated_years)}
    with transaction.atomic():
        CASES.lock(case)
        case_step(case=case, action="start_notice", part=workflow.Part.COUNTY, by=by, reason=note,
                  notice_starts_on=starts_on, notice_ends_on=period.ends_on)
    return case


def _with_identity(case: RatingCase, facts: dict[str, Any]) -> dict[str, Any]:
    return {**facts, "org_code": case.organization.code, "org_name": case.organization.name,
            "year": case.campaign.year}


def _latest_sheet(case: RatingCase) -> FactSheet:
    sheet: FactSheet | None = case.sheets.order_by("-number").first()
    if sheet is None:
        raise workflow.WorkflowError(_("该组织尚未提交自评申报。"))
    return sheet


def _apply_corrections(facts: dict[str, Any], corrections: dict[str, tuple[Any, str]]) -> dict[str, Any]:
    """The facts with the corrections applied; every correction needs its reason (all named)."""
    titles = {spec.name: spec.title for spec in rubric.contract_fields()}
    missing = [name for name, (_value, reason) in corrections.items() if not str(reason).strip()]
    if missing:
        raise InvalidFacts([
            {"field": name, "message": _("更正“%(fact)s”须填写理由。") % {"fact": titles.get(name, name)},
             "message_en": f"a correction of {name} needs a reason"}
            for name in missing
        ])
    merged = dict(facts)
    merged.update({name: value for name, (value, _reason) in corrections.items()})
    return merged


def _corrected_sheet(
    case: RatingCase, stage: str, corrections: dict[str, tuple[Any, str]], by: ActingUser,
    action: str, part: str, *, inspection_date: date | None, inspectors: str, findings: str,
    reason: str = "",
) -> FactSheet:
    with transaction.atomic():
        CASES.lock(case)
        previous = _latest_sheet(case)
        changed = {k: v for k, v in corrections.items() if previous.facts.get(k) != v[0]}
        facts = _apply_corrections(previous.facts, changed)
        sheet = _freeze(case, stage, facts, by, inspection_date=inspection_date,
                        inspectors=inspectors, findings=findings)
        FactCorrection.objects.bulk_create(
            FactCorrection(sheet=sheet, field=name, declared_value=previous.facts.get(name),
                           corrected_value=value, reason=why)
            for name, (value, why) in changed.items()
        )
        case.assessed_star = sheet.star
        case.save(update_fields=["assessed_star", "updated_at"])
        final = {"final_star": sheet.star} if action == "accept_lower" else {}
        case_step(case=case, action=action, part=part, by=by, star=sheet.star, reason=reason, **final)
    return sheet


def _freeze(case: RatingCase, stage: str, facts: dict[str, Any], by: ActingUser, **inspection: Any) -> FactSheet:
    verdict = engine.judge(facts, case.campaign.standard_id)
    if verdict.star is None:
        raise InvalidFacts(verdict.errors)
    number = (case.sheets.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    sheet: FactSheet = FactSheet.objects.create(
        case=case, stage=stage, number=number, facts=facts, star=verdict.star, vetoed=verdict.vetoed,
        explanation=verdict.explanation, blocking_conditions=verdict.blocking_conditions,
        standard_id=case.campaign.standard_id, standard_version=case.campaign.standard_version,
        created_by=by, **inspection,
    )
    audit_record(action=AuditAction.CREATE, user=by, obj=case,
                 object_repr=f"{case} {stage} v{number}", changes={"star": [None, verdict.star]})
    return sheet
