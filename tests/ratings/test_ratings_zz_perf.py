import datetime as dt, time
import pytest
from pingxing.ratings import samples
from pingxing.ratings.models import CaseState, FactSheet, RatingCase
from factories import make_community
pytestmark = pytest.mark.django_db
def test_perf(client, county):
    facts = samples.best_facts("X", 2010)
    orgs = [make_community(parent=county.other_street, name=f"公示社区{i}") for i in range(100)]
    cases = RatingCase.objects.bulk_create(
        RatingCase(campaign=county.campaign, organization=org, state=CaseState.ON_NOTICE, assessed_star=4 + i % 2,
                   notice_starts_on=dt.date(2010, 11, 8), notice_ends_on=dt.date(2010, 11, 12))
        for i, org in enumerate(orgs))
    FactSheet.objects.bulk_create(
        FactSheet(case=case, stage="assessment", number=1, facts=facts, star=5, standard_id=county.campaign.standard_id,
                  standard_version="x", created_by=county.county_user) for case in cases)
    client.get("/public/notice/")
    t=time.perf_counter()
    for _ in range(20): r = client.get("/public/notice/")
    print("\nper request ms", (time.perf_counter()-t)/20*1000, len(r.content))
