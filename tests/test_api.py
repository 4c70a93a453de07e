"""The JSON API answers with the same scope and masking as the pages."""

from __future__ import annotations

import json

import pytest

from factories import make_community, make_county, make_member, make_street, make_user
from pingxing.ratings import samples


@pytest.fixture
def tree(db):
    county = make_county()
    street = make_street(parent=county)
    own = make_community(parent=street)
    other = make_community(parent=street)
    return {
        "own": own, "other": other,
        "own_member": make_member(organization=own, id_number="330621197001010018", phone="13912345678"),
        "other_member": make_member(organization=other),
        "secretary": make_user(role="secretary", organization=own),
    }


def test_the_api_masks_id_numbers_and_phones(client, tree):
    client.force_login(tree["secretary"])
    body = client.get(f"/api/members/{tree['own_member'].pk}").json()
    assert body["id_number_masked"] == "3306**********0018"
    assert body["phone_masked"] == "139****5678"
    assert "330621197001010018" not in json.dumps(body)


def test_the_api_refuses_another_communitys_member(client, tree):
    client.force_login(tree["secretary"])
    assert client.get(f"/api/members/{tree['other_member'].pk}").status_code == 404
    assert client.get(f"/api/orgs/{tree['other'].pk}").status_code == 404
    names = {o["name"] for o in client.get("/api/orgs").json()}
    assert names == {tree["own"].name}


def test_the_api_needs_a_login(client, tree):
    assert client.get("/api/orgs").status_code == 401


def test_rating_facts_through_the_api_gives_the_engine_star_and_gaps(client, tree):
    client.force_login(tree["secretary"])
    facts = samples.facts_for_star(3, "X", 2010)
    body = client.post("/api/ratings/rate", json.dumps(facts), content_type="application/json").json()
    assert body["star"] == 3
    assert body["next_star_gaps"], "a 3-star record has gaps to 4 stars"
    facts["disputes_resolved"] = facts["disputes_mediated"] + 1
    bad = client.post("/api/ratings/rate", json.dumps(facts), content_type="application/json").json()
    assert bad["star"] is None and {e["field"] for e in bad["errors"]} >= {"disputes_resolved"}


def test_the_openapi_schema_lists_the_endpoints(client, tree):
    client.force_login(tree["secretary"])
    schema = client.get("/api/openapi.json").json()
    assert "/api/members/{member_id}" in schema["paths"]
    assert "/api/ratings/rate" in schema["paths"]


def test_the_docs_and_the_schema_are_for_logged_in_users_only(client, tree):
    for url in ("/api/docs", "/api/openapi.json"):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
    client.force_login(tree["secretary"])
    docs = client.get("/api/docs")
    assert docs.status_code == 200
    body = docs.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in body  # our own copy, not a CDN
    assert "cdn" not in body.lower()
