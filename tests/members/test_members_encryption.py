"""ID numbers, phones and addresses are encrypted at rest: the database never holds them in clear."""

from __future__ import annotations

import pytest
from django.db import connection

from factories import make_community, make_county, make_member, make_street
from pingxing.members.models import Member

ID_NUMBER = "330621197001010018"
PHONE = "13912345678"
ADDRESS = "柯桥街道笛扬路8号"


@pytest.mark.django_db
def test_sensitive_columns_hold_ciphertext_and_read_back_in_clear():
    org = make_community(parent=make_street(parent=make_county()))
    member = make_member(organization=org, id_number=ID_NUMBER, phone=PHONE, address=ADDRESS)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id_number, phone, address, id_number_digest FROM members_member WHERE id = %s", [member.pk]
        )
        stored = cursor.fetchone()
    assert all(ID_NUMBER not in str(value) for value in stored)
    assert PHONE not in str(stored[1]) and ADDRESS not in str(stored[2])
    assert stored[0].startswith("gAAAA")  # a Fernet token
    fresh = Member.objects.get(pk=member.pk)
    assert (fresh.id_number, fresh.phone, fresh.address) == (ID_NUMBER, PHONE, ADDRESS)
