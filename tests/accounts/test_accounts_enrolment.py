"""Staff 2FA outside the demo: the first authenticator is bound only with an enrolment code."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from factories import PASSWORD, make_world
from pingxing.accounts import services
from pingxing.accounts.models import EnrolmentCode, User
from pingxing.accounts.queries import decorate, with_state
from pingxing.accounts.views import PENDING_KEY_SESSION_KEY

pytestmark = pytest.mark.django_db
TWO_FACTOR = "/accounts/two-factor/"
HOME = "/"


@pytest.fixture(autouse=True)
def _require_2fa(settings):
    settings.REQUIRE_STAFF_2FA = True


@pytest.fixture
def w():
    return make_world()


def _token(key_hex: str) -> str:
    device = TOTPDevice(key=key_hex)
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def _logged_in(user) -> Client:
    client = Client()
    assert client.post("/accounts/login/", {"username": user.username, "password": PASSWORD}).status_code == 302
    return client


def _bind(client: Client, code: str) -> None:
    """Type the enrolment code, then the authenticator's current token."""
    assert client.post(TWO_FACTOR, {"code": code}).status_code == 302
    client.get(TWO_FACTOR)
    key = client.session[PENDING_KEY_SESSION_KEY]
    assert client.post(TWO_FACTOR, {"code": _token(key), "next": HOME})["Location"] == HOME


def _code_from_the_sheet(body: str) -> str:
    found = re.findall(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", body)
    assert found
    return found[-1]


def test_first_binding_without_an_enrolment_code_is_refused(w):
    client = _logged_in(w.street_user)
    response = client.post(TWO_FACTOR, {"code": "ABCD-EFGH-JKMN"})
    assert response.status_code == 200
    assert "绑定码不正确、已使用或已过期" in response.content.decode()
    assert PENDING_KEY_SESSION_KEY not in client.session
    assert not TOTPDevice.objects.filter(user=w.street_user).exists()
    assert client.get("/orgs/")["Location"].startswith(TWO_FACTOR)


def test_a_six_digit_token_alone_does_not_bind_a_device(w):
    client = _logged_in(w.street_user)
    response = client.post(TWO_FACTOR, {"code": "123456"})
    assert "绑定码不正确" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=w.street_user).exists()


def test_a_code_issued_by_the_county_office_binds_the_first_device_once(w):
    office = Client()
    office.force_login(w.county_user)
    # The office user passed TOTP themselves (as the middleware demands): mark the session so.
    device = TOTPDevice.objects.create(user=w.county_user, name="手机", confirmed=True)
    session = office.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    sheet = office.post(reverse("accounts:admin_action", args=[w.street_user.pk, "issue-code"]))
    assert sheet.status_code == 200
    code = _code_from_the_sheet(sheet.content.decode())

    client = _logged_in(w.street_user)
    _bind(client, code)
    assert client.get("/orgs/").status_code == 200
    assert TOTPDevice.objects.get(user=w.street_user).confirmed
    assert EnrolmentCode.objects.get(user=w.street_user).used_at is not None
    # The same code cannot bind a second device.
    assert services.enrolment_code_find(user=w.street_user, code=code) is None


def test_an_expired_code_is_refused(w):
    code = services.enrolment_code_issue(user=w.street_user, by=w.county_user).enrolment_code
    EnrolmentCode.objects.filter(user=w.street_user).update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    client = _logged_in(w.street_user)
    assert "已过期" in client.post(TWO_FACTOR, {"code": code}).content.decode()


def test_a_new_code_replaces_the_earlier_one(w):
    first = services.enrolment_code_issue(user=w.street_user, by=w.county_user).enrolment_code
    second = services.enrolment_code_issue(user=w.street_user, by=w.county_user).enrolment_code
    assert services.enrolment_code_find(user=w.street_user, code=first) is None
    assert services.enrolment_code_find(user=w.street_user, code=second) is not None


def test_a_code_is_not_issued_while_a_device_is_bound(w):
    TOTPDevice.objects.create(user=w.street_user, name="手机", confirmed=True)
    with pytest.raises(ValidationError) as caught:
        services.enrolment_code_issue(user=w.street_user, by=w.county_user)
    assert "已绑定验证器" in caught.value.messages[0]


def test_a_reset_device_forces_a_new_binding_with_a_new_code(w):
    code = services.enrolment_code_issue(user=w.street_user, by=w.county_user).enrolment_code
    client = _logged_in(w.street_user)
    _bind(client, code)
    assert client.get("/orgs/").status_code == 200

    reset = services.user_totp_reset(user=w.street_user, by=w.county_user)
    assert not TOTPDevice.objects.filter(user=w.street_user).exists()
    # The verified session no longer counts: back to the two-factor page, asking for a code.
    assert client.get("/orgs/")["Location"].startswith(TWO_FACTOR)
    assert "绑定码不正确" in client.post(TWO_FACTOR, {"code": code}).content.decode()
    _bind(client, reset.enrolment_code)
    assert client.get("/orgs/").status_code == 200
    assert TOTPDevice.objects.filter(user=w.street_user, confirmed=True).count() == 1


def test_a_code_used_up_meanwhile_stops_a_half_finished_binding(w):
    code = services.enrolment_code_issue(user=w.street_user, by=w.county_user).enrolment_code
    slow = _logged_in(w.street_user)
    assert slow.post(TWO_FACTOR, {"code": code}).status_code == 302
    assert "<svg" in slow.get(TWO_FACTOR).content.decode()
    key = slow.session[PENDING_KEY_SESSION_KEY]
    EnrolmentCode.objects.filter(user=w.street_user).update(used_at=timezone.now())
    response = slow.post(TWO_FACTOR, {"code": _token(key), "next": HOME})
    assert response.status_code == 200
    assert "绑定码不正确" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=w.street_user, confirmed=True).exists()


def test_the_account_list_shows_the_state_of_each_authenticator(w):
    services.enrolment_code_issue(user=w.street_user, by=w.county_user)
    TOTPDevice.objects.create(user=w.admin, name="手机", confirmed=True)
    states = {a.username: a.two_factor for a in decorate(with_state(User.objects.all()))}
    assert states[w.street_user.username] == "code"
    assert states[w.admin.username] == "bound"
    assert states[w.county_user.username] == "none"
    assert states[w.clerk.username] == ""


def test_a_new_staff_account_binds_its_authenticator_then_changes_its_password(w):
    credentials = services.user_onboard(username="jiedao_new", display_name="", role="street",
                                        organization=w.street_a, by=w.county_user)
    client = Client()
    assert client.post("/accounts/login/", {"username": "jiedao_new",
                                            "password": credentials.password}).status_code == 302
    assert client.get("/orgs/")["Location"].startswith(TWO_FACTOR)
    _bind(client, credentials.enrolment_code)
    assert client.get("/orgs/")["Location"] == reverse("accounts:password_change")
