"""TOTP two-factor for county and street staff (django-otp)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from factories import PASSWORD, make_community, make_county, make_street, make_user
from pingxing.audit.models import AuditAction, AuditEntry

pytestmark = pytest.mark.django_db
TWO_FACTOR = "/accounts/two-factor/"
ORGS = "/orgs/"


@pytest.fixture(autouse=True)
def _require_2fa(settings):  # noqa: ANN001, ANN202
    settings.REQUIRE_STAFF_2FA = True


@pytest.fixture
def street_user():  # noqa: ANN201
    street = make_street(parent=make_county())
    return make_user(role="street", organization=street, username="jiedao")


def _code(device: TOTPDevice) -> str:
    device.refresh_from_db()
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):0{device.digits}d}"


def _wrong_code(device: TOTPDevice) -> str:
    return f"{(int(_code(device)) + 1) % 10**device.digits:0{device.digits}d}"


def _two_factor_results() -> list[str]:
    entries = AuditEntry.objects.filter(action=AuditAction.TWO_FACTOR).order_by("seq")
    return [e.changes["result"][1] for e in entries]


def test_street_user_logged_in_with_password_is_sent_to_two_factor(client, street_user):
    assert client.post("/accounts/login/", {"username": "jiedao", "password": PASSWORD}).status_code == 302
    response = client.get(ORGS)
    assert response.status_code == 302
    assert response["Location"].startswith(TWO_FACTOR)
    assert "next=%2Forgs%2F" in response["Location"]


def test_first_visit_shows_a_qr_code_and_the_secret(client, street_user):
    client.force_login(street_user)
    body = client.get(TWO_FACTOR).content.decode()
    device = TOTPDevice.objects.get(user=street_user)
    assert not device.confirmed
    assert "<svg" in body
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode()
    assert secret[:4] + " " + secret[4:8] in body


def test_wrong_code_is_refused(client, street_user):
    client.force_login(street_user)
    client.get(TWO_FACTOR)
    device = TOTPDevice.objects.get(user=street_user)
    response = client.post(TWO_FACTOR, {"code": _wrong_code(device), "next": ORGS})
    assert response.status_code == 200
    assert "验证码不正确" in response.content.decode()
    assert client.get(ORGS).status_code == 302
    device.refresh_from_db()
    assert not device.confirmed
    assert _two_factor_results() == ["failed"]


def test_correct_code_confirms_the_device_and_opens_the_page(client, street_user):
    client.force_login(street_user)
    client.get(TWO_FACTOR)
    device = TOTPDevice.objects.get(user=street_user)
    response = client.post(TWO_FACTOR, {"code": _code(device), "next": ORGS})
    assert response.status_code == 302
    assert response["Location"] == ORGS
    assert client.get(ORGS).status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    assert _two_factor_results() == ["device_confirmed"]


def test_user_with_a_device_verifies_each_new_login(client, street_user):
    device = TOTPDevice.objects.create(user=street_user, name="手机", confirmed=True)
    client.force_login(street_user)
    body = client.get(TWO_FACTOR).content.decode()
    assert "<svg" not in body  # no new secret is shown once a device is bound
    assert TOTPDevice.objects.filter(user=street_user).count() == 1
    response = client.post(TWO_FACTOR, {"code": _code(device), "next": ORGS})
    assert response["Location"] == ORGS
    assert client.get(ORGS).status_code == 200
    assert _two_factor_results() == ["verified"]


def test_repeated_wrong_codes_are_throttled(client, street_user, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 60  # a minute after the first failure: no timing race
    device = TOTPDevice.objects.create(user=street_user, name="手机", confirmed=True)
    client.force_login(street_user)
    client.post(TWO_FACTOR, {"code": _wrong_code(device)})
    response = client.post(TWO_FACTOR, {"code": _code(device), "next": ORGS})
    assert response.status_code == 200
    assert "尝试次数过多" in response.content.decode()
    assert client.get(ORGS).status_code == 302
    assert _two_factor_results() == ["failed", "throttled"]


def test_unsafe_next_is_ignored(client, street_user):
    device = TOTPDevice.objects.create(user=street_user, name="手机", confirmed=True)
    client.force_login(street_user)
    response = client.post(TWO_FACTOR, {"code": _code(device), "next": "https://evil.example/"})
    assert response["Location"] == reverse("core:home")


def test_password_page_waits_for_two_factor(client, street_user):
    client.force_login(street_user)
    response = client.get(reverse("accounts:password_change"))
    assert response["Location"].startswith(TWO_FACTOR)


@pytest.mark.parametrize("role", ["secretary", "member"])
def test_non_staff_roles_are_not_forced(client, role):
    community = make_community(parent=make_street(parent=make_county()))
    client.force_login(make_user(role=role, organization=community))
    response = client.get(reverse("core:home"))
    assert response.status_code == 200


def test_demo_setting_waives_two_factor(client, street_user, settings):
    settings.REQUIRE_STAFF_2FA = False
    client.force_login(street_user)
    assert client.get(ORGS).status_code == 200
