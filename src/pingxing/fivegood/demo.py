"""Demo data of 五好党组织 (fivegood): last year's assessment published, this year's under way,
over the demo's organizations of every assessed kind (community, enterprise, institution,
social organization)."""

from __future__ import annotations

import datetime as dt
from typing import Any


def _facts(i: int) -> dict[str, Any]:
    """Plausible facts; every third organization falls short on one criterion."""
    total = 10 + i % 9
    facts: dict[str, Any] = {
        "team_fully_staffed": True, "election_on_schedule": True, "secretary_reported_on_party_building": True,
        "members_total": total, "members_dues_paid": total, "members_attending_org_life": total - (i % 2),
        "members_disciplined": 0, "three_meetings_one_lesson": True, "party_affairs_disclosed": True,
        "democratic_centralism_upheld": True, "annual_goals_met": True, "excellence_campaign_held": True,
        "survey_respondents": 30, "survey_satisfied": 28, "mass_petitions": 0,
    }
    if i % 3 == 2:
        shortfall = ({"survey_satisfied": 22}, {"members_disciplined": 1}, {"annual_goals_met": False})
        facts.update(shortfall[(i // 3) % 3])
    return facts


def load_fivegood(*, today: dt.date) -> None:
    """Open last year's and this year's 五好 assessments; publish last year's."""
    from pingxing.accounts.models import User
    from pingxing.fivegood import services
    from pingxing.fivegood.models import Assessment

    county = User.objects.filter(role="county").order_by("pk").first()
    street_by_path = {u.organization.path: u for u in User.objects.filter(role="street").select_related("organization")
                      if u.organization is not None}
    if county is None or Assessment.objects.exists():
        return

    def street_user(case: Any) -> Any:
        return next((u for p, u in street_by_path.items() if case.organization.path.startswith(p)), county)

    last = services.assessment_open(year=today.year - 1, by=county)
    for i, case in enumerate(last.cases.select_related("organization", "assessment")):
        services.case_save_facts(case=case, values=_facts(i), by=county)
        services.case_submit(case=case, by=county)
        services.case_assess(case=case, by=street_user(case))
        services.case_approve(case=case, by=county)
        services.case_publish(case=case, by=county)
    this = services.assessment_open(year=today.year, by=county)
    for i, case in enumerate(this.cases.select_related("organization", "assessment")):
        if i % 4 == 3:
            continue  # not started yet
        services.case_save_facts(case=case, values=_facts(i + 1), by=county)
        if i % 4 >= 1:
            services.case_submit(case=case, by=county)
        if i % 4 == 2:
            services.case_assess(case=case, by=street_user(case))
