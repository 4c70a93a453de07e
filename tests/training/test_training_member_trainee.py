from __future__ import annotations

import pytest

from pingxing.training import services
from pingxing.training.models import Trainee

pytestmark = pytest.mark.django_db


def test_a_member_becomes_a_trainee_once_and_is_found_again(world):
    first = services.trainee_for_member(member=world.m_a1, by=world.secretary)
    again = services.trainee_for_member(member=world.m_a1, by=world.secretary)
    assert first.pk == again.pk
    assert (first.member_id, first.organization_id, first.category) == (world.m_a1.pk, world.a1.pk, "member")
    assert first.id_number_digest == world.m_a1.id_number_digest
    assert Trainee.objects.count() == 1


def test_a_trainee_registered_by_id_number_is_linked_to_the_member(world):
    registered = services.trainee_register(name=world.m_a2.name, category="committee_member",
                                           organization=world.a2, id_number=world.m_a2.id_number, by=world.street_user)
    found = services.trainee_for_member(member=world.m_a2, by=world.street_user)
    assert found.pk == registered.pk
    assert found.member_id == world.m_a2.pk
    assert found.category == "committee_member"
