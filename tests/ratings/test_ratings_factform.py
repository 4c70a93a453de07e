"""The declaration form: ordinal options in the standard's labels, and facts the
contract's bounds decide marked as decided, with why."""

from __future__ import annotations

from pingxing import rubric
from pingxing.ratings import factform

STD = rubric.load_standard()


def _facts(groups: list[factform.ClauseGroup]) -> dict[str, factform.FactInput]:
    return {f.name: f for g in groups for f in g.facts}


def test_counts_forced_to_zero_by_a_bound_are_marked_decided_with_why() -> None:
    facts = _facts(factform.clause_groups(STD, {"disputes_total": 0, "safety_accidents": 0,
                                                 "cadre_violation_cases": 0}))
    for name in ("disputes_mediated", "disputes_resolved", "serious_safety_accidents",
                 "principal_cadre_violation_cases"):
        assert facts[name].is_decided and facts[name].decided_value == 0, name
    assert "矛盾纠纷总数（件）为 0" in facts["disputes_mediated"].decided
    assert not facts["disputes_total"].is_decided


def test_nothing_is_decided_while_the_bound_leaves_room() -> None:
    facts = _facts(factform.clause_groups(STD, {"disputes_total": 4, "safety_accidents": None}))
    assert not any(f.is_decided for f in facts.values())
    given = _facts(factform.clause_groups(STD, {"disputes_total": 0, "disputes_mediated": 0}))
    assert not given["disputes_mediated"].is_decided  # typed in: not skipped
    assert given["disputes_resolved"].is_decided


def test_ordinal_options_use_the_standards_labels() -> None:
    facts = _facts(factform.clause_groups(STD, {}))
    assert facts["supervision_committee_level"].options[:3] == [
        ("0", "0 未建立"), ("1", "1 已建立"), ("2", "2 职责履行到位"),
    ]
    assert facts["criminal_case_volume_level"].options[0] == ("0", "0 尚未维持在较低水平")
    assert facts["public_order_level"].options[-1] == ("2", "2 好")


def test_the_declaration_page_says_which_facts_the_others_decide(client, county, settings):
    from django.urls import reverse

    from pingxing.ratings import services as ratings_services

    settings.REQUIRE_STAFF_2FA = False
    case = county.case(county.community)
    ratings_services.declaration_save_draft(case=case, facts={"disputes_total": 0}, by=county.secretary)
    client.force_login(county.secretary)
    html = client.get(reverse("ratings:declare", args=[case.pk])).content.decode()
    assert 'id="decided-disputes_mediated"' in html and "可不填" in html
