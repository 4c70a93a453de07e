"""五好党组织 (fivegood): writes. Every write is atomic and audited; steps go through the
state machine (row lock, compare-and-set, transition record). The verdict comes from the
rubric engine (``rubric.evaluate``) on the standard the assessment was opened against."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from pingxing import rubric
from pingxing.core.audit import AuditAction, audit_record
from pingxing.core.statemachine import StateMachine
from pingxing.fivegood import workflow
from pingxing.fivegood.models import Assessment, Case, FiveGoodResult, Transition
from pingxing.fivegood.workflow import CaseState
from pingxing.orgs.models import Organization, OrgKind, OrgLevel

#: the standard a new assessment is opened against
FIVEGOOD_STANDARD = "shaoxing-county-2010-fivegood"
#: the kinds of organization assessed
KINDS = (OrgKind.COMMUNITY, OrgKind.ENTERPRISE, OrgKind.INSTITUTION, OrgKind.SOCIAL_ORG)
#: facts the service fills in from the organization, never from a form
IDENTITY_FIELDS = ("org_code", "org_name", "year", "org_kind")

MACHINE = StateMachine(model=Case, transition_model=Transition, subject_field="case")


class FiveGoodError(Exception):
    """A step or value that is not allowed; the message is for the user."""


def standard_of(assessment: Assessment) -> rubric.Standard:
    std = rubric.load_standard(assessment.standard_id)
    if std.version != assessment.standard_version:
        raise FiveGoodError(_("考评标准版本已变更，无法按原版本评定。"))
    return std


def _record(case: Case, values: dict[str, Any]) -> dict[str, Any]:
    org = case.organization
    record = {k: v for k, v in values.items() if k not in IDENTITY_FIELDS}
    record.update(org_code=org.code, org_name=org.name, year=case.assessment.year, org_kind=org.kind)
    return record


def validate(case: Case, values: dict[str, Any]) -> tuple[rubric.Facts | None, list[rubric.FactError]]:
    std = standard_of(case.assessment)
    return rubric.validate_facts(_record(case, values), contract=std.contract)


def evaluate_case(case: Case) -> tuple[bool, dict[str, Any]]:
    """Judge the case's final facts: (达到五好, the engine's explanation as JSON)."""
    from pingxing.rubric.explain import rating_text, rating_to_dict

    std = standard_of(case.assessment)
    facts, errors = rubric.validate_facts(_record(case, case.final_facts), contract=std.contract)
    if facts is None:
        raise FiveGoodError("；".join(e.message_zh for e in errors))
    rating = rubric.evaluate(std, facts)
    explanation = rating_to_dict(rating, explain=True)
    explanation["title"] = std.star_title(rating.star)
    explanation["text"] = rating_text(rating)
    return rating.star == std.max_star, explanation


def assessment_open(*, year: int, by: Any, request: Any = None,
                    standard_id: str = FIVEGOOD_STANDARD) -> Assessment:
    """Open the year's assessment (one per year) with a case for every organization of the
    assessed kinds."""
    with transaction.atomic():
        if Assessment.objects.filter(year=year).exists():
            raise FiveGoodError(_("该年度的五好党组织考评已开启。"))
        std = rubric.load_standard(standard_id)
        assessment: Assessment = Assessment.objects.create(year=year, standard_id=std.id, standard_version=std.version,
                                               opened_by=by)
        orgs = Organization.objects.filter(level=OrgLevel.ORGANIZATION, kind__in=KINDS)
        Case.objects.bulk_create([Case(assessment=assessment, organization=o) for o in orgs])
        audit_record(action=AuditAction.CREATE, user=by, obj=assessment, request=request,
                     changes={"year": [None, year], "standard": [None, f"{std.id} {std.version}"]})
        return assessment


def _check_facts(case: Case, values: dict[str, Any]) -> dict[str, Any]:
    facts, errors = validate(case, values)
    if facts is None:
        raise FiveGoodError("；".join(e.message_zh for e in errors))
    return {k: v for k, v in facts.values.items() if k not in IDENTITY_FIELDS}


def case_save_facts(*, case: Case, values: dict[str, Any], by: Any, request: Any = None) -> Case:
    """The organization's self-assessment (自评): store its facts while it may still edit."""
    with transaction.atomic():
        MACHINE.lock(case)
        if case.state not in workflow.EDITABLE_STATES:
            raise FiveGoodError(_("已提交的自评不能再修改。"))
        clean = _check_facts(case, values)
        before = case.facts
        case.facts = clean
        case.save(update_fields=["facts", "updated_at"])
        audit_record(action=AuditAction.UPDATE, user=by, obj=case, organization=case.organization, request=request,
                     changes={k: [before.get(k), v] for k, v in clean.items() if before.get(k) != v})
        return case


def _step(case: Case, action: str, *, by: Any, reason: str, request: Any, **also: Any) -> Case:
    step = workflow.STEPS[action]
    if case.state not in step.from_states:
        raise FiveGoodError(_("当前状态不能进行此操作。"))
    if step.needs_reason and not reason.strip():
        raise FiveGoodError(_("请填写理由。"))
    MACHINE.move(case, to_state=step.to_state, action=action, by=by, reason=reason, request=request, **also)
    return case


def case_submit(*, case: Case, by: Any, request: Any = None) -> Case:
    """The organization submits its self-assessment to the street."""
    with transaction.atomic():
        MACHINE.lock(case)
        _check_facts(case, case.facts)
        # a resubmission (after a return) is assessed afresh
        return _step(case, "submit", by=by, reason="", request=request, assessed_facts=None, correction_reason="")


def case_return(*, case: Case, action: str, by: Any, reason: str, request: Any = None) -> Case:
    """Return to the organization (street) or to the street (county), with a reason."""
    with transaction.atomic():
        if action not in {"return_org", "return_street"}:
            raise FiveGoodError(_("当前状态不能进行此操作。"))
        MACHINE.lock(case)
        return _step(case, action, by=by, reason=reason, request=request)


def case_assess(*, case: Case, by: Any, corrections: dict[str, Any] | None = None, reason: str = "",
                request: Any = None) -> Case:
    """The street assesses; facts it corrects need a reason (kept with the case and the step)."""
    with transaction.atomic():
        MACHINE.lock(case)
        merged = {**case.facts, **(corrections or {})}
        clean = _check_facts(case, merged)
        changed = sorted(k for k in clean if case.facts.get(k) != clean.get(k))
        if changed and not reason.strip():
            raise FiveGoodError(_("更正自评事实须填写理由。"))
        _step(case, "assess", by=by, reason=reason, request=request, assessed_facts=clean,
              correction_reason=reason if changed else "")
        _store_result(case)
        return case


def case_approve(*, case: Case, by: Any, request: Any = None) -> Case:
    """The county approves (审定): the result is judged again on the final facts and stored."""
    with transaction.atomic():
        MACHINE.lock(case)
        _step(case, "approve", by=by, reason="", request=request)
        _store_result(case)
        return case


def case_publish(*, case: Case, by: Any, request: Any = None) -> Case:
    with transaction.atomic():
        MACHINE.lock(case)
        return _step(case, "publish", by=by, reason="", request=request)


def assessment_publish_all(*, assessment: Assessment, by: Any, request: Any = None) -> int:
    """Publish every approved case of the year (the published list); returns how many."""
    done = 0
    with transaction.atomic():
        for case in assessment.cases.select_related("organization", "assessment").filter(state=CaseState.APPROVED):
            case_publish(case=case, by=by, request=request)
            done += 1
    return done


def _store_result(case: Case) -> FiveGoodResult:
    passed, explanation = evaluate_case(case)
    result: FiveGoodResult
    result, _created = FiveGoodResult.objects.update_or_create(
        organization=case.organization, year=case.assessment.year,
        defaults={"case": case, "standard_id": case.assessment.standard_id,
                  "standard_version": case.assessment.standard_version,
                  "passed": passed, "explanation": explanation},
    )
    return result
