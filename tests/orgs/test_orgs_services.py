from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from factories import make_community, make_county, make_party_group, make_street, make_user
from pingxing.audit.models import AuditEntry
from pingxing.audit.services import verify
from pingxing.orgs.models import Organization, PartyGroup
from pingxing.orgs.services import (
    org_create,
    org_update,
    party_group_create,
    party_group_delete,
    party_group_update,
)

pytestmark = pytest.mark.django_db


def test_org_create_computes_the_materialized_path_and_audits_it():
    user = make_user(role="admin")
    county = org_create(code="C1", name="县委组织部", level="county", by=user)
    street = org_create(code="S1", name="柯桥街道党工委", level="street", parent=county, by=user)
    org = org_create(code="O1", name="笛扬社区党支部", level="organization", kind="community",
                     form="branch", parent=street, by=user)
    assert county.path == f"/{county.pk}/"
    assert street.path == f"/{county.pk}/{street.pk}/"
    assert org.path == f"{street.path}{org.pk}/"
    assert Organization.objects.get(pk=org.pk).path == org.path
    entry = AuditEntry.objects.filter(action="create", object_id=str(org.pk)).get()
    assert entry.changes["name"] == [None, "笛扬社区党支部"]
    assert verify() is None


def test_org_create_refuses_a_community_directly_under_the_county():
    county = make_county()
    with pytest.raises(ValidationError) as exc:
        org_create(code="X", name="错位社区", level="organization", kind="community", form="branch",
                   parent=county, by=None)
    assert "parent" in exc.value.message_dict
    assert not Organization.objects.filter(code="X").exists()


def test_org_create_refuses_a_duplicate_code_naming_it():
    county = make_county(code="DUP")
    with pytest.raises(ValidationError) as exc:
        org_create(code="DUP", name="另一个", level="street", parent=county, by=None)
    assert "DUP" in exc.value.message_dict["code"][0]


def test_a_party_organization_needs_kind_and_form():
    street = make_street(parent=make_county())
    with pytest.raises(ValidationError):
        org_create(code="NK", name="无类别", level="organization", parent=street, by=None)


def test_org_update_records_old_and_new_values():
    user = make_user(role="admin")
    org = make_community(parent=make_street(parent=make_county()), form="branch")
    org_update(org=org, by=user, form="general_branch", secretary_name="王芳")
    org.refresh_from_db()
    assert org.form == "general_branch"
    entry = AuditEntry.objects.get(action="update", object_id=str(org.pk))
    assert entry.changes["form"] == ["branch", "general_branch"]
    assert entry.changes["secretary_name"] == ["", "王芳"]


def test_party_groups_are_created_renamed_and_deleted_with_audit():
    user = make_user(role="admin")
    org = make_community(parent=make_street(parent=make_county()))
    group = party_group_create(organization=org, name="青年党小组", basis="age", by=user)
    party_group_update(group=group, name="青年一组", by=user)
    assert PartyGroup.objects.get(pk=group.pk).name == "青年一组"
    party_group_delete(group=PartyGroup.objects.get(pk=group.pk), by=user)
    assert not PartyGroup.objects.filter(pk=group.pk).exists()
    actions = list(AuditEntry.objects.filter(object_type="orgs.partygroup").order_by("seq").values_list("action", flat=True))
    assert actions == ["create", "update", "delete"]


def test_a_duplicate_group_name_in_one_organization_is_refused():
    org = make_community(parent=make_street(parent=make_county()))
    make_party_group(organization=org, name="第一党小组")
    with pytest.raises(ValidationError) as exc:
        party_group_create(organization=org, name="第一党小组", by=None)
    assert "第一党小组" in exc.value.message_dict["name"][0]


def test_party_groups_only_sit_under_party_organizations():
    street = make_street(parent=make_county())
    with pytest.raises(ValidationError):
        party_group_create(organization=street, name="街道小组", by=None)
