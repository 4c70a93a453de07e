"""Record builders shared by the rubric tests."""

from __future__ import annotations

from typing import Any

from pingxing.rubric import Standard, evaluate, validate_facts
from pingxing.rubric.evaluate import Rating


def five_star_record(**changes: Any) -> dict[str, Any]:
    """A record meeting every sentence of annex 1 at five stars, with ``changes``."""
    record: dict[str, Any] = {
        "org_code": "KQ-001",
        "org_name": "柯桥街道示范社区",
        "year": 2024,
        # clause 1
        "leadership_complete": True,
        "work_systems_in_place": True,
        "resident_autonomy_sound": True,
        "major_decisions_democratic": True,
        "party_core_role_evident": True,
        "member_activity_facilities_complete": True,
        "member_education_standardized": True,
        "convenience_services_active": True,
        "all_organizations_sound": True,
        "party_leading_core_prominent": True,
        "cadre_team_structure_good": True,
        "member_contact_service_widespread": True,
        "excellence_atmosphere_strong": True,
        "member_exemplary_role_evident": True,
        "harmonious_community_county": True,
        # clause 2
        "supervision_committee_level": 5,
        "principal_cadre_violation_cases": 0,
        "cadre_violation_cases": 0,
        "disclosure_system_established": True,
        "disclosure_months_missed": 0,
        "major_matters_disclosed_promptly": True,
        "disclosure_standardized": True,
        "disclosure_archives_complete": True,
        "integrity_code_published": True,
        "annual_integrity_review_held": True,
        "integrity_culture_level": 3,
        "integrity_ledger_established": True,
        # clause 3
        "civilized_community_level": "province",
        "cultural_community_grade": 1,
        "health_community_level": "province",
        "learning_party_org_level": "county",
        "county_bao_community": True,
        # clause 4
        "public_safety_good": True,
        "homicide_cases": 0,
        "crime_and_accidents_controlled": True,
        "major_criminal_cases": 0,
        "serious_safety_accidents": 0,
        "safety_accidents": 0,
        "criminal_case_volume_level": 2,
        "security_satisfaction_level": 2,
        "vice_incidents": 0,
        "disputes_total": 40,
        "disputes_mediated": 40,
        "disputes_resolved": 40,
        "petition_five_ones_implemented": True,
        "collective_petitions_county": 0,
        "collective_petitions_city": 0,
        "collective_petitions_province": 0,
        "collective_petitions_beijing": 0,
        "individual_petitions_beijing": 0,
        "governance_office_level": 2,
        "mass_prevention_level": 5,
        # vetoes
        "family_planning_violation": False,
        "superior_criticism_or_sanction": False,
        "other_disqualification": False,
    }
    record.update(changes)
    return record


def rate(standard: Standard, record: dict[str, Any]) -> Rating:
    facts, errors = validate_facts(record)
    assert facts is not None, errors
    return evaluate(standard, facts)
