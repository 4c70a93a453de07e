"""Password rules (等保2.0 三级): 12..128 characters (or 8 Chinese ones), three of four classes
unless a passphrase, nothing common; the strength estimate has tests of its own."""

from __future__ import annotations

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from factories import PASSWORD, make_user
from pingxing.accounts.passwords import character_classes
from pingxing.audit.models import AuditEntry
from pingxing.core.audit import AuditAction


def _codes(password: str) -> set[str]:
    try:
        validate_password(password)
    except ValidationError as error:
        return {e.code for e in error.error_list}
    return set()


def test_eleven_characters_are_too_short():
    assert "password_too_short" in _codes("Ab3$efgh-jk")


def test_twelve_random_characters_of_three_classes_pass():
    assert _codes("Kq7vNz4pXwR2") == set()


def test_two_character_classes_are_not_enough_below_sixteen_characters():
    assert _codes("kq7vnz4pxwr2") == {"password_too_simple"}
    # A passphrase: the strength estimate alone decides.
    assert _codes("kq7vnz4pxwr2bt9m") == set()


def test_a_common_password_is_refused_even_with_three_classes():
    # "password1234" is in Django's list; the capital gives it a third class.
    assert "password_too_common" in _codes("Password1234")


def test_eight_chinese_characters_are_long_enough():
    assert "password_too_short" in _codes("橘子树河面纸船")
    assert _codes("橘子树河面纸船灰猫") == set()


def test_a_numeric_password_is_refused():
    assert "password_entirely_numeric" in _codes("330621197001")


def test_a_long_passphrase_is_welcome():
    passphrase = "Correct horse battery staple on the 柯桥 riverside, June 2010 edition"
    assert len(passphrase) >= 64
    assert _codes(passphrase) == set()


def test_more_than_128_characters_are_refused():
    assert "password_too_long" in _codes("Ab3-" * 33)


def test_chinese_characters_count_as_the_other_class():
    assert character_classes("评星晋级") == 1
    assert _codes("评星晋级kqvnXRtm") == set()
    assert _codes("评星晋级kqvnxrtm") == {"password_too_simple"}


@pytest.mark.django_db
def test_user_changes_password_from_the_user_box(client):
    user = make_user(role="member")
    client.force_login(user)
    home = client.get(reverse("core:home")).content.decode()
    assert reverse("accounts:password_change") in home
    new = "Lantern-Quartz-7-Oyster"
    response = client.post(reverse("accounts:password_change"), {
        "old_password": PASSWORD, "new_password1": new, "new_password2": new,
    })
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)
    assert client.get(reverse("core:home")).status_code == 200  # still logged in
    entry = AuditEntry.objects.newest_first().first()
    assert (entry.action, entry.object_id) == (AuditAction.UPDATE, str(user.pk))
    assert entry.changes == {"password": ["***", "***"]}
    assert new not in str(entry.changes)


@pytest.mark.django_db
def test_password_change_refuses_a_weak_password_with_a_reason(client):
    user = make_user(role="member")
    client.force_login(user)
    response = client.post(reverse("accounts:password_change"), {
        "old_password": PASSWORD, "new_password1": "short1A!", "new_password2": "short1A!",
    })
    assert response.status_code == 200
    assert "new_password2" in response.context["form"].errors
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
