"""The audit trail page: county office and admin only, filters, pagination, Excel export."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from factories import make_community, make_county, make_street, make_user
from pingxing.audit.models import AuditEntry
from pingxing.core.audit import AuditAction, audit_record

pytestmark = pytest.mark.django_db
LIST = "/audit/"


@pytest.fixture(autouse=True)
def _no_2fa(settings):
    settings.REQUIRE_STAFF_2FA = False


@pytest.fixture
def tree():
    county = make_county()
    street_a = make_street(parent=county, name="柯桥街道")
    street_b = make_street(parent=county, name="华舍街道")
    return {
        "county": county, "street_a": street_a, "street_b": street_b,
        "community_a": make_community(parent=street_a, name="笛扬社区党总支"),
        "community_b": make_community(parent=street_b, name="蜀阜社区党委"),
    }


@pytest.fixture
def county_user(tree):
    return make_user(role="county", organization=tree["county"], username="xianban")


def _org_update(org, old: str, new: str, username: str = "jiedao") -> AuditEntry:
    return audit_record(action=AuditAction.UPDATE, username=username, obj=org, organization=org,
                        changes={"name": [old, new]})


@pytest.mark.parametrize("role", ["street", "secretary", "clerk", "member"])
def test_other_roles_get_404_and_a_denial_entry(client, tree, role):
    user = make_user(role=role, organization=tree["street_a"] if role == "street" else tree["community_a"])
    client.force_login(user)
    assert client.get(LIST).status_code == 404
    assert client.get(reverse("audit:export")).status_code == 404
    denials = AuditEntry.objects.filter(action=AuditAction.DENIED, user=user)
    assert denials.count() == 2


@pytest.mark.parametrize("role", ["county", "admin"])
def test_county_office_and_admin_read_the_trail(client, tree, role):
    client.force_login(make_user(role=role, organization=tree["county"] if role == "county" else None))
    _org_update(tree["community_a"], "笛扬社区党支部", "笛扬社区党总支")
    response = client.get(LIST)
    body = response.content.decode()
    assert response.status_code == 200
    assert "笛扬社区党支部" in body
    assert "笛扬社区党总支" in body
    assert "组织名称" in body  # the field's label, not its code name


def test_newest_first_fifty_per_page(client, county_user, tree):
    for n in range(60):
        _org_update(tree["community_a"], f"名{n}", f"名{n + 1}")
    client.force_login(county_user)
    page1 = client.get(LIST).context["page"]
    seqs = [e.seq for e in page1]
    assert len(seqs) == 50
    assert seqs == sorted(seqs, reverse=True)
    page2 = client.get(LIST, {"page": 2}).context["page"]
    assert len(page2) == page1.paginator.count - 50
    assert max(e.seq for e in page2) < min(seqs)


def test_list_runs_a_bounded_number_of_queries(client, county_user, tree, django_assert_max_num_queries):
    for org in tree.values():
        for n in range(15):
            _org_update(org, f"名{n}", f"名{n + 1}")
    client.force_login(county_user)
    with django_assert_max_num_queries(10):
        response = client.get(LIST)
    assert len(response.context["rows"]) == 50


def test_filters_narrow_the_entries(client, county_user, tree):
    _org_update(tree["community_a"], "甲", "乙", username="zhang")
    _org_update(tree["community_b"], "丙", "丁", username="wang")
    audit_record(action=AuditAction.LOGIN_FAILED, username="zhang")
    client.force_login(county_user)

    def shown(**params: str) -> set[int]:
        response = client.get(LIST, params)
        assert response.status_code == 200
        return {entry.seq for entry, _type, _changes in response.context["rows"]}

    a, b, failed = AuditEntry.objects.filter(username__in=["zhang", "wang"]).order_by("seq")
    assert shown(username="zhang") == {a.seq, failed.seq}
    assert shown(action="login_failed") == {failed.seq}
    assert shown(organization=str(tree["street_b"].pk)) == {b.seq}
    assert shown(object_type="orgs.organization", text="笛扬") == {a.seq}
    today = timezone.localdate()
    assert a.seq in shown(date_from=str(today), date_to=str(today))
    assert shown(date_to=str(today - dt.timedelta(days=1))) == set()


def test_bad_date_range_is_explained(client, county_user):
    client.force_login(county_user)
    response = client.get(LIST, {"date_from": "2026-02-01", "date_to": "2026-01-01"})
    assert "截止日期不能早于起始日期" in response.content.decode()


def test_htmx_request_gets_only_the_table(client, county_user, tree):
    _org_update(tree["community_a"], "甲", "乙")
    client.force_login(county_user)
    response = client.get(LIST, {"action": "update"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="audit-table">')
    assert "<html" not in body


def test_export_gives_the_filtered_entries_with_chinese_headers_and_is_audited(client, county_user, tree):
    _org_update(tree["community_a"], "笛扬社区党支部", "笛扬社区党总支", username="zhang")
    _org_update(tree["community_b"], "蜀阜社区党支部", "蜀阜社区党委", username="wang")
    formula = '=HYPERLINK("http://evil.example","点我")'
    audit_record(action=AuditAction.CREATE, username="wang", object_type="orgs.organization",
                 object_repr=formula)
    client.force_login(county_user)
    response = client.get(reverse("audit:export"), {"username": "wang"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:5] == ("序号", "时间", "用户名", "组织", "操作")
    assert [r[2] for r in rows[1:]] == ["wang", "wang"]
    assert rows[1][7] == formula
    assert ws.cell(row=2, column=8).data_type == "s"  # a formula in the data stays text
    assert rows[2][8] == "组织名称: 蜀阜社区党支部 → 蜀阜社区党委"
    export = AuditEntry.objects.newest_first().first()
    assert (export.action, export.user_id) == (AuditAction.EXPORT, county_user.pk)
    assert export.changes["rows"] == [None, 2]
    assert "username=wang" in export.changes["filters"][1]


def test_organization_outside_the_readers_scope_cannot_be_chosen(client, tree):
    other_county = make_county(name="别的县")
    user = make_user(role="county", organization=other_county)
    client.force_login(user)
    response = client.get(LIST, {"organization": str(tree["street_a"].pk)})
    assert response.status_code == 200
    assert "organization" in response.context["form"].errors
    assert response.context["rows"] == []
