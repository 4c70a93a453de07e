"""Writes of the campaign. Every step goes through `_move`, which changes a case's
state only if nobody else changed it first (a conditional UPDATE under the
transaction), so two people acting on one case at once cannot both succeed."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pingxing.audit.services import AuditAction, audit_record, model_changes
from pingxing.orgs.models import Organization
from pingxing.ratings import engine, workflow
from pingxing.ratings.calendar import add_working_days
from pingxing.ratings.models import (
    Campaign,
    CaseState,
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


class ConcurrentChange(workflow.WorkflowError):
    def __init__(self) -> None:
        super().__init__("该案卷刚被其他人处理过，请刷新页面后再操作。")


def campaign_open(
    *, year: int, by: Any, declaration_deadline: date, assessment_deadline: date,
    county_deadline: date, notice_working_days: int = 5, standard_id: str | None = None,
) -> Campaign:
    """Open the year's campaign and a draft case for every community in the county."""
    std = engine.standard(standard_id)
    with transaction.atomic():
        campaign = Campaign.objects.create(
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


def declaration_save_draft(*, case: RatingCase, facts: dict[str, Any], by: Any) -> RatingCase:
    """Keep what the secretary typed so far; nothing is validated or frozen yet."""
    if case.state not in (CaseState.DRAFT, CaseState.RETURNED_TO_COMMUNITY):
        raise workflow.WorkflowError(_("申报已提交，不能再修改草稿。"))
    with transaction.atomic():
        before = dict(case.draft_facts)
        case.draft_facts = _with_identity(case, facts)
        case.save(update_fields=["draft_facts", "updated_at"])
        audit_record(action=AuditAction.UPDATE, user=by, obj=case,
                     changes=model_changes(before, case.draft_facts))
    return case


def declaration_submit(*, case: RatingCase, facts: dict[str, Any], declared_star: int, by: Any) -> FactSheet:
    """Freeze the declaration as a version; the engine's star is kept beside the declared one."""
    facts = _with_identity(case, facts)
    with transaction.atomic():
        _lock(case)
        sheet = _freeze(case, SheetStage.DECLARATION, facts, by)
        case.draft_facts = facts
        case.declared_star = declared_star
        case.save(update_fields=["draft_facts", "declared_star", "updated_at"])
        _move(case, "declare", by, workflow.COMMUNITY, star=sheet.star)
    return sheet


def assessment_submit(
    *, case: RatingCase, corrections: dict[str, tuple[Any, str]], by: Any,
    inspection_date: date | None = None, inspectors: str = "", findings: str = "",
) -> FactSheet:
    """The street confirms or corrects each fact (value, reason); the engine gives the star."""
    return _corrected_sheet(case, SheetStage.ASSESSMENT, corrections, by, "assess", workflow.STREET,
                            inspection_date=inspection_date, inspectors=inspectors, findings=findings)


def acceptance_record(
    *, case: RatingCase, corrections: dict[str, tuple[Any, str]], by: Any,
    inspection_date: date, inspectors: str, findings: str, reason: str = "",
) -> FactSheet:
    """验收 by the county; if the corrected facts give fewer than 4 stars the case is
    approved at that star instead (with the reason)."""
    with transaction.atomic():
        _lock(case)
        facts = _apply_corrections(_latest_sheet(case).facts, corrections)
        star = engine.judge(facts, case.campaign.standard_id).star
        action = "accept" if star is not None and star >= workflow.ACCEPTANCE_FROM_STAR else "accept_lower"
        if action == "accept_lower" and not reason:
            reason = f"验收核定为{star}星，低于四星，按县审定程序办理。"
        return _corrected_sheet(case, SheetStage.ACCEPTANCE, corrections, by, action, workflow.COUNTY,
                                inspection_date=inspection_date, inspectors=inspectors,
                                findings=findings, reason=reason)


def case_return(*, case: RatingCase, reason: str, by: Any, actor: str) -> RatingCase:
    action = "return_to_community" if actor == workflow.STREET else "return_to_street"
    with transaction.atomic():
        _lock(case)
        _move(case, action, by, actor, reason=reason)
    return case


def case_approve(*, case: RatingCase, by: Any) -> RatingCase:
    with transaction.atomic():
        _lock(case)
        _move(case, "approve", by, workflow.COUNTY, star=case.assessed_star)
        RatingCase.objects.filter(pk=case.pk).update(final_star=case.assessed_star)
        case.final_star = case.assessed_star
    return case


def notice_start(*, case: RatingCase, by: Any, starts_on: date | None = None) -> RatingCase:
    starts_on = starts_on or timezone.localdate()
    ends_on = add_working_days(starts_on, case.campaign.notice_working_days)
    with transaction.atomic():
        _lock(case)
        _move(case, "start_notice", by, workflow.COUNTY)
        RatingCase.objects.filter(pk=case.pk).update(notice_starts_on=starts_on, notice_ends_on=ends_on)
        case.notice_starts_on, case.notice_ends_on = starts_on, ends_on
    return case


def _with_identity(case: RatingCase, facts: dict[str, Any]) -> dict[str, Any]:
    return {**facts, "org_code": case.organization.code, "org_name": case.organization.name,
            "year": case.campaign.year}


def _latest_sheet(case: RatingCase) -> FactSheet:
    sheet = case.sheets.order_by("-number").first()
    if sheet is None:
        raise workflow.WorkflowError(_("该组织尚未提交自评申报。"))
    return sheet


def _apply_corrections(facts: dict[str, Any], corrections: dict[str, tuple[Any, str]]) -> dict[str, Any]:
    merged = dict(facts)
    for name, (value, reason) in corrections.items():
        if not str(reason).strip():
            raise InvalidFacts([{"field": name, "message": _("更正事实须说明理由。"), "message_en": "a reason is required"}])
        merged[name] = value
    return merged


def _corrected_sheet(
    case: RatingCase, stage: str, corrections: dict[str, tuple[Any, str]], by: Any,
    action: str, actor: str, *, inspection_date: date | None, inspectors: str, findings: str,
    reason: str = "",
) -> FactSheet:
    with transaction.atomic():
        _lock(case)
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
        _move(case, action, by, actor, star=sheet.star, reason=reason)
        if action == "accept_lower":
            RatingCase.objects.filter(pk=case.pk).update(final_star=sheet.star)
            case.final_star = sheet.star
    return sheet


def _freeze(case: RatingCase, stage: str, facts: dict[str, Any], by: Any, **inspection: Any) -> FactSheet:
    verdict = engine.judge(facts, case.campaign.standard_id)
    if verdict.star is None:
        raise InvalidFacts(verdict.errors)
    number = (case.sheets.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    sheet = FactSheet.objects.create(
        case=case, stage=stage, number=number, facts=facts, star=verdict.star, vetoed=verdict.vetoed,
        explanation=verdict.explanation, blocking_conditions=verdict.blocking_conditions,
        standard_id=case.campaign.standard_id, standard_version=case.campaign.standard_version,
        created_by=by, **inspection,
    )
    audit_record(action=AuditAction.CREATE, user=by, obj=case,
                 object_repr=f"{case} {stage} v{number}", changes={"star": [None, verdict.star]})
    return sheet


def _lock(case: RatingCase) -> None:
    """Lock the case row for this transaction and check nobody moved it meanwhile."""
    current = RatingCase.objects.select_for_update().values_list("state", flat=True).get(pk=case.pk)
    if current != case.state:
        raise ConcurrentChange()


def _move(case: RatingCase, action: str, by: Any, actor: str, *, star: int | None = None, reason: str = "") -> None:
    """Compare-and-set the case's state; raises ConcurrentChange when someone was faster."""
    new_state = workflow.next_state(state=case.state, action=action, actor=actor, star=star, reason=reason)
    updated = RatingCase.objects.filter(pk=case.pk, state=case.state).update(
        state=new_state, updated_at=timezone.now()
    )
    if updated != 1:
        raise ConcurrentChange()
    Transition.objects.create(case=case, from_state=case.state, to_state=new_state, action=action,
                              reason=reason, by=by)
    audit_record(action=AuditAction.UPDATE, user=by, obj=case,
                 changes={"state": [case.state, new_state], **({"reason": ["", reason]} if reason else {})})
    case.state = new_state
