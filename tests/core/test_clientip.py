"""The visitor's address behind trusted proxies; spoofed headers are not believed."""

from __future__ import annotations

from django.test import RequestFactory

from pingxing.core.clientip import client_ip


def _request(remote: str, forwarded: str = ""):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


def test_without_proxies_the_socket_address_counts_and_the_header_is_ignored(settings):
    settings.PROXY_COUNT = 0
    assert client_ip(_request("10.0.0.5", "1.2.3.4")) == "10.0.0.5"


def test_behind_one_proxy_the_address_it_saw_counts_not_what_the_client_claims(settings):
    settings.PROXY_COUNT = 1
    # The client sent "X-Forwarded-For: 6.6.6.6"; nginx appended the real address.
    assert client_ip(_request("127.0.0.1", "6.6.6.6, 203.0.113.9")) == "203.0.113.9"
    assert client_ip(_request("127.0.0.1")) == "127.0.0.1"  # no header: the socket address


def test_objections_from_different_visitors_behind_the_proxy_are_counted_apart(settings):
    from pingxing.ratings import services

    settings.PROXY_COUNT = 1
    first = services.client_digest(client_ip(_request("127.0.0.1", "203.0.113.9")))
    second = services.client_digest(client_ip(_request("127.0.0.1", "203.0.113.10")))
    assert first != second


def test_lockout_behind_the_proxy_is_per_visitor_not_for_everyone(client, db, settings):
    from factories import PASSWORD, make_county, make_user

    settings.PROXY_COUNT = 1
    settings.REQUIRE_STAFF_2FA = False
    user = make_user(role="secretary", organization=make_county())
    attacker = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    colleague = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.8"}
    for _ in range(5):
        client.post("/accounts/login/", {"username": user.username, "password": "wrong-Passw0rd!"}, **attacker)
    locked = client.post("/accounts/login/", {"username": user.username, "password": PASSWORD}, **attacker)
    assert locked.status_code in (403, 429)
    ok = client.post("/accounts/login/", {"username": user.username, "password": PASSWORD}, **colleague)
    assert ok.status_code == 302


def test_a_proxy_header_with_no_proxy_count_is_noted_for_the_deploy_check(settings, tmp_path, monkeypatch):
    from pingxing.core import checks, clientip

    settings.PROXY_COUNT = 0
    settings.DATA_DIR = tmp_path
    monkeypatch.delenv("PINGXING_PROXY_COUNT", raising=False)
    monkeypatch.setattr(clientip, "_noted", False)
    assert checks.check_proxy_count() == []
    client_ip(_request("127.0.0.1"))
    assert checks.check_proxy_count() == []  # no proxy in front: nothing to say
    client_ip(_request("127.0.0.1", "203.0.113.9"))
    assert [w.id for w in checks.check_proxy_count()] == ["pingxing.W001"]
