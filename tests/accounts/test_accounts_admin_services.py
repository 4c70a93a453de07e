"""Account administration services: create, bulk, reset, unlock, 2FA reset, guards."""

from __future__ import annotations

import pytest
from accounts_sheets import account_sheet
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django_otp.plugins.otp_totp.models import TOTPDevice

from factories import PASSWORD, make_user, make_world
from pingxing.accounts import services
from pingxing.accounts.importing import parse_accounts, template_rows
from pingxing.accounts.models import EnrolmentCode, User
from pingxing.audit.models import AuditEntry
from pingxing.core.audit import AuditAction

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"


@pytest.fixture
def w():
    return make_world()


def _audit_text() -> str:
    return str(list(AuditEntry.objects.values_list("object_repr", "changes")))


def test_county_creates_an_account_whose_temporary_password_must_be_changed(w):
    user, password = services.user_create(username="clerk_a1", display_name="王芳", role="clerk",
                                          organization=w.a1, by=w.county_user)
    user.refresh_from_db()
    assert user.check_password(password)
    assert user.must_change_password
    assert (user.role, user.organization, user.display_name) == ("clerk", w.a1, "王芳")
    entry = AuditEntry.objects.filter(action=AuditAction.CREATE, object_type="accounts.user").get()
    assert entry.user_id == w.county_user.pk
    assert entry.changes["password"] == [None, "***"]
    assert password not in _audit_text()


def test_temporary_passwords_pass_every_password_validator_and_differ(w):
    passwords = {services.user_create(username=f"c{i}", display_name="", role="clerk", organization=w.a1,
                                      by=w.county_user)[1] for i in range(5)}
    assert len(passwords) == 5
    for password in passwords:
        validate_password(password)


def test_a_role_must_act_for_an_organization_of_its_level(w):
    with pytest.raises(ValidationError) as caught:
        services.user_create(username="wrong", display_name="", role="secretary", organization=w.street_a,
                             by=w.county_user)
    assert caught.value.message_dict["organization"] == ["账号“wrong”：角色“党组织书记”只能属于基层党组织"]
    assert not User.objects.filter(username="wrong").exists()


def test_a_linked_member_record_must_belong_to_the_chosen_organization(w):
    with pytest.raises(ValidationError) as caught:
        services.user_create(username="m", display_name="", role="member", organization=w.a2,
                             member=w.m_a1_other, by=w.county_user)
    assert "不属于所选组织" in caught.value.message_dict["member"][0]
    user, _password = services.user_create(username="m", display_name="", role="member", organization=w.a1,
                                            member=w.m_a1_other, by=w.county_user)
    assert user.member == w.m_a1_other


def test_usernames_are_unique_regardless_of_case(w):
    make_user(role="clerk", organization=w.a1, username="Zhang")
    with pytest.raises(ValidationError) as caught:
        services.user_create(username="zhang", display_name="", role="clerk", organization=w.a1,
                             by=w.county_user)
    assert caught.value.message_dict["username"] == ["账号“zhang”：用户名已被使用"]


def test_a_street_committee_cannot_create_above_or_outside_its_street(w):
    with pytest.raises(PermissionDenied):
        services.user_create(username="x", display_name="", role="county", organization=w.county, by=w.street_user)
    with pytest.raises(PermissionDenied):
        services.user_create(username="y", display_name="", role="clerk", organization=w.b1, by=w.street_user)
    user, _password = services.user_create(username="z", display_name="", role="street",
                                           organization=w.street_a, by=w.street_user)
    assert user.role == "street"


def test_only_an_administrator_creates_an_administrator(w):
    with pytest.raises(PermissionDenied):
        services.user_create(username="a2", display_name="", role="admin", organization=None, by=w.county_user)
    user, _password = services.user_create(username="a2", display_name="", role="admin", organization=None,
                                           by=w.admin)
    assert user.role == "admin"


def test_staff_get_an_enrolment_code_outside_the_demo_stored_only_as_a_hash(w, settings):
    settings.REQUIRE_STAFF_2FA = True
    credentials = services.user_onboard(username="street_a2", display_name="", role="street",
                                        organization=w.street_a, by=w.county_user)
    assert credentials.password and credentials.enrolment_code
    stored = EnrolmentCode.objects.get(user=credentials.user)
    assert credentials.enrolment_code.replace("-", "") not in stored.code_hash
    assert services.enrolment_code_find(user=credentials.user, code=credentials.enrolment_code.lower()) == stored
    assert credentials.enrolment_code not in _audit_text()
    clerk = services.user_onboard(username="clerk_x", display_name="", role="clerk", organization=w.a1,
                                  by=w.county_user)
    assert clerk.enrolment_code == ""  # Party organization staff do not use TOTP


def test_in_the_demo_nobody_gets_an_enrolment_code(w, settings):
    settings.REQUIRE_STAFF_2FA = False
    credentials = services.user_onboard(username="street_a2", display_name="", role="street",
                                        organization=w.street_a, by=w.county_user)
    assert credentials.enrolment_code == ""
    assert not EnrolmentCode.objects.exists()


def test_a_password_reset_replaces_the_password_and_forces_a_change(w, client):
    credentials = services.user_password_reset(user=w.clerk, by=w.street_user)
    w.clerk.refresh_from_db()
    assert not w.clerk.check_password(PASSWORD)
    assert w.clerk.check_password(credentials.password)
    assert w.clerk.must_change_password
    entry = AuditEntry.objects.filter(action="password_reset").get()
    assert entry.changes["password"] == ["***", "***"]
    assert credentials.password not in _audit_text()
    response = client.post(LOGIN, {"username": w.clerk.username, "password": credentials.password})
    assert response.status_code == 302


def test_a_password_reset_of_staff_without_a_device_comes_with_an_enrolment_code(w, settings):
    settings.REQUIRE_STAFF_2FA = True
    assert services.user_password_reset(user=w.street_user, by=w.county_user).enrolment_code
    TOTPDevice.objects.create(user=w.street_user, name="手机", confirmed=True)
    assert services.user_password_reset(user=w.street_user, by=w.county_user).enrolment_code == ""


def test_unlock_lifts_a_lockout_caused_through_the_login_form(w, client):
    for _ in range(5):
        client.post(LOGIN, {"username": w.clerk.username, "password": "Wrong-Passw0rd-x"})
    refused = client.post(LOGIN, {"username": w.clerk.username, "password": PASSWORD})
    assert refused.status_code in (403, 429)
    from pingxing.accounts.queries import locked_usernames

    assert locked_usernames([w.clerk.username]) == {w.clerk.username}
    assert services.user_unlock(user=w.clerk, by=w.street_user) >= 1
    assert locked_usernames([w.clerk.username]) == set()
    assert client.post(LOGIN, {"username": w.clerk.username, "password": PASSWORD}).status_code == 302
    entry = AuditEntry.objects.filter(action="account_unlock").get()
    assert entry.user_id == w.street_user.pk


def test_a_totp_reset_removes_the_devices(w, settings):
    settings.REQUIRE_STAFF_2FA = True
    TOTPDevice.objects.create(user=w.street_user, name="手机", confirmed=True)
    credentials = services.user_totp_reset(user=w.street_user, by=w.county_user)
    assert not TOTPDevice.objects.filter(user=w.street_user).exists()
    assert credentials.enrolment_code
    assert AuditEntry.objects.filter(action="totp_reset").get().changes["devices"] == [1, 0]


def test_the_last_active_administrator_can_be_neither_deactivated_nor_demoted(w):
    other = make_user(role="admin", username="admin2")
    services.user_deactivate(user=other, by=w.admin)  # another administrator remains: fine
    # Nobody deactivates their own account, so only the system could reach the last one.
    with pytest.raises(ValidationError) as caught:
        services.user_deactivate(user=w.admin, by=None)
    assert "最后一个启用的系统管理员" in caught.value.messages[0]
    with pytest.raises(ValidationError):
        services.user_change_role(user=w.admin, role="county", organization=w.county, by=None)
    w.admin.refresh_from_db()
    assert w.admin.is_active and w.admin.role == "admin"


def test_a_second_administrator_may_be_demoted_while_another_remains(w):
    other = make_user(role="admin", username="admin2")
    services.user_change_role(user=other, role="county", organization=w.county, by=w.admin)
    other.refresh_from_db()
    assert (other.role, other.organization) == ("county", w.county)


def test_nobody_deactivates_their_own_account(w):
    with pytest.raises(PermissionDenied):
        services.user_deactivate(user=w.county_user, by=w.county_user)


def test_a_deactivated_account_cannot_log_in_until_reactivated(w, client):
    services.user_deactivate(user=w.clerk, by=w.street_user)
    assert client.post(LOGIN, {"username": w.clerk.username, "password": PASSWORD}).status_code == 200
    services.user_reactivate(user=w.clerk, by=w.street_user)
    assert client.post(LOGIN, {"username": w.clerk.username, "password": PASSWORD}).status_code == 302
    assert list(AuditEntry.objects.filter(object_id=str(w.clerk.pk)).order_by("seq").values_list(
        "action", flat=True)) == ["deactivate", "reactivate"]


def test_changing_the_organization_unlinks_a_member_record_of_the_old_one(w):
    account = services.user_change_role(user=w.member_user, role="member", organization=w.a2, by=w.street_user)
    account.refresh_from_db()
    assert (account.organization, account.member) == (w.a2, None)
    changes = AuditEntry.objects.filter(action="role_change").get().changes
    assert changes["organization_id"] == [w.a1.pk, w.a2.pk]
    assert changes["member_id"] == [w.m_a1.pk, None]


def test_a_street_cannot_move_an_account_out_of_its_street(w):
    with pytest.raises(PermissionDenied):
        services.user_change_role(user=w.clerk, role="clerk", organization=w.b1, by=w.street_user)


def test_a_bad_sheet_creates_no_account_and_names_every_bad_row(w):
    sheet = account_sheet([
        [w.a1.code, "党组织书记", "secretary_ok", "张三"],
        [w.b1.code, "党组织工作人员", "clerk_b1", ""],  # another street
        ["NOPE", "党组织工作人员", "clerk_nope", ""],
        [w.a2.code, "县评星办工作人员", "boss", ""],
        [w.a2.code, "党组织工作人员", "secretary_ok", ""],  # duplicate in the file
        [w.a2.code, "党组织工作人员", w.clerk.username, ""],  # already taken
        [w.street_a.code, "党组织书记", "secretary_street", ""],  # wrong level
    ])
    parsed = parse_accounts(sheet, user=w.street_user)
    rows = {(e.row, e.column) for e in parsed.errors}
    assert rows == {(3, "组织代码"), (4, "组织代码"), (5, "角色"), (6, "用户名"), (7, "用户名"), (8, "组织代码")}
    assert len(parsed.errors) == 6


def test_a_good_sheet_creates_every_account_in_one_go(w, client):
    sheet = account_sheet([
        [w.a1.code, "党组织书记", "secretary_new_a1", "张三"],
        [w.a2.code, "党组织工作人员", "clerk_new_a2", "李四"],
    ])
    parsed = parse_accounts(sheet, user=w.street_user)
    assert parsed.errors == []
    created = services.users_bulk_create(rows=parsed.rows, by=w.street_user)
    assert [(c.user.username, c.user.role, c.user.organization) for c in created] == [
        ("secretary_new_a1", "secretary", w.a1), ("clerk_new_a2", "clerk", w.a2)]
    response = client.post(LOGIN, {"username": "clerk_new_a2", "password": created[1].password})
    assert response.status_code == 302
    actions = list(AuditEntry.objects.order_by("seq").values_list("action", flat=True))
    assert actions[:3] == ["import", "create", "create"]


def test_the_template_offers_a_secretary_and_a_clerk_per_community_not_yet_taken(w):
    make_user(role="clerk", organization=w.a2, username=f"clerk_{w.a2.code.lower()}")
    rows = template_rows(w.street_a)
    assert [(r[0], r[1], r[2]) for r in rows] == [
        (w.a1.code, "党组织书记", f"secretary_{w.a1.code.lower()}"),
        (w.a1.code, "党组织工作人员", f"clerk_{w.a1.code.lower()}"),
        (w.a2.code, "党组织书记", f"secretary_{w.a2.code.lower()}"),
    ]
    parsed = parse_accounts(account_sheet([r[:4] for r in rows]), user=w.street_user)
    assert parsed.errors == []


def test_the_system_acting_from_the_command_line_is_named_in_the_trail(w):
    services.user_create(username="from_cli", display_name="", role="clerk", organization=w.a1, by=None)
    entry = AuditEntry.objects.filter(action=AuditAction.CREATE).get()
    assert (entry.user_id, entry.username) == (None, "cli")
    assert entry.changes["via"] == [None, "command_line"]
