"""TOTP two-factor for county and street staff (django-otp)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from factories import PASSWORD, make_community, make_county, make_street, make_user
from pingxing.accounts import services
from pingxing.accounts.views import PENDING_KEY_SESSION_KEY
from pingxing.audit.models import AuditEntry
from pingxing.core.audit import AuditAction

pytestmark = pytest.mark.django_db
TWO_FACTOR = "/accounts/two-factor/"
ORGS = "/orgs/"


@pytest.fixture(autouse=True)
def _require_2fa(settings):
    settings.REQUIRE_STAFF_2FA = True


@pytest.fixture
def street_user():
    street = make_street(parent=make_county())
    return make_user(role="street", organization=street, username="jiedao")


def _code(device: TOTPDevice) -> str:
    if device.pk is not None:
        device.refresh_from_db()
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):0{device.digits}d}"


def _wrong_code(device: TOTPDevice) -> str:
    return f"{(int(_code(device)) + 1) % 10**device.digits:0{device.digits}d}"


def _two_factor_results() -> list[str]:
    entries = AuditEntry.objects.filter(action=AuditAction.TWO_FACTOR).order_by("seq")
    return [e.changes["result"][1] for e in entries]


def _enrol(client, user) -> None:
    """Type a fresh enrolment code issued for `user` (by the system) on the two-factor page."""
    code = services.enrolment_code_issue(user=user, by=None).enrolment_code
    response = client.post(TWO_FACTOR, {"code": code, "next": ORGS})
    assert response.status_code == 302


def _offered_device(client, user) -> TOTPDevice:
    """The device the setup page offers: saved after a first attempt, else the session's secret."""
    saved = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return saved or TOTPDevice(user=user, key=client.session[PENDING_KEY_SESSION_KEY])


def test_street_user_logged_in_with_password_is_sent_to_two_factor(client, street_user):
    assert client.post("/accounts/login/", {"username": "jiedao", "password": PASSWORD}).status_code == 302
    response = client.get(ORGS)
    assert response.status_code == 302
    assert response["Location"].startswith(TWO_FACTOR)
    assert "next=%2Forgs%2F" in response["Location"]


def test_first_visit_asks_staff_for_the_enrolment_code_and_shows_no_secret(client, street_user):
    client.force_login(street_user)
    body = client.get(TWO_FACTOR).content.decode()
    assert "绑定码" in body
    assert "<svg" not in body
    assert not TOTPDevice.objects.filter(user=street_user).exists()


def test_after_the_enrolment_code_a_qr_code_and_the_secret_are_shown_without_a_device_row(client, street_user):
    client.force_login(street_user)
    _enrol(client, street_user)
    body = client.get(TWO_FACTOR).content.decode()
    assert "<svg" in body
    assert not TOTPDevice.objects.filter(user=street_user).exists()  # a GET creates no device
    from base64 import b32encode

    secret = b32encode(_offered_device(client, street_user).bin_key).decode()
    assert secret[:4] + " " + secret[4:8] in body


def test_wrong_code_is_refused(client, street_user):
    client.force_login(street_user)
    _enrol(client, street_user)
    client.get(TWO_FACTOR)
    device = _offered_device(client, street_user)
    response = client.post(TWO_FACTOR, {"code": _wrong_code(device), "next": ORGS})
    assert response.status_code == 200
    assert "验证码不正确" in response.content.decode()
    assert client.get(ORGS).status_code == 302
    device = TOTPDevice.objects.get(user=street_user)
    assert not device.confirmed
    assert _two_factor_results() == ["enrolment_accepted", "failed"]


def test_correct_code_confirms_the_device_and_opens_the_page(client, street_user):
    client.force_login(street_user)
    _enrol(client, street_user)
    client.get(TWO_FACTOR)
    response = client.post(TWO_FACTOR, {"code": _code(_offered_device(client, street_user)), "next": ORGS})
    assert response.status_code == 302
    assert response["Location"] == ORGS
    assert client.get(ORGS).status_code == 200
    device = TOTPDevice.objects.get(user=street_user)
    assert device.confirmed
    assert _two_factor_results() == ["enrolment_accepted", "device_confirmed"]


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


def test_in_the_demo_a_device_is_bound_without_an_enrolment_code(client, street_user, settings):
    settings.REQUIRE_STAFF_2FA = False
    client.force_login(street_user)
    assert "<svg" in client.get(TWO_FACTOR).content.decode()
    response = client.post(TWO_FACTOR, {"code": _code(_offered_device(client, street_user)), "next": ORGS})
    assert response["Location"] == ORGS
    assert TOTPDevice.objects.get(user=street_user).confirmed
