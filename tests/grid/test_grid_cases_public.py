"""The resident's pages without login: report an issue, get a code shown once, follow the case
with it, answer the follow-up (不满意 reopens); and no public page ever shows the reporter's
name or contact."""

from __future__ import annotations

import re
import time

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from grid_cases_world import cases_world, step

pytestmark = pytest.mark.django_db
NAME, CONTACT = "王秀英", "13705758888"
PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 64


@pytest.fixture
def w(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()
    return cases_world()


def _token() -> str:
    from pingxing.grid.views_public import issue_form_token

    return issue_form_token(now=time.time() - 10)  # a resident who took ten seconds to fill the form


def _report(client, w, **extra):
    values = {"token": _token(), "community": w.a1.pk, "category": "streetlight", "description": "小区门口路灯不亮",
              "address": "笛扬路1号", "name": NAME, "contact": CONTACT, **extra}
    return client.post(reverse("grid:report"), values)


def _code_of(response) -> str:
    return re.search(r'id="follow-code">([^<]+)<', response.content.decode()).group(1)


def test_a_resident_reports_without_login_and_follows_with_the_code(client, w):
    from pingxing.grid.models_cases import ServiceCase

    assert client.get(reverse("grid:report")).status_code == 200
    response = _report(client, w, photo=SimpleUploadedFile("灯.png", PNG))
    assert response.status_code == 302
    done = client.get(response["Location"])
    code = _code_of(done)
    assert len(code.replace("-", "")) == 20  # 31**20 ≈ 2**99
    case = ServiceCase.objects.get()
    assert (case.source, case.reporter_name, case.reporter_contact, case.files.count()) == ("resident", NAME, CONTACT, 1)
    assert code not in str(case.__dict__) and case.follow_code_hash
    assert client.get(reverse("grid:report_done")).status_code == 302  # shown once
    # Typed by the resident later, on another phone, in lower case without dashes.
    other = client.__class__()
    page = other.post(reverse("grid:follow"), {"code": code.lower().replace("-", "")}, follow=True)
    html = page.content.decode()
    assert case.number in html and "受理" in html
    assert other.post(reverse("grid:follow"), {"code": "AAAA-BBBB"}).status_code == 400
    assert "未找到该查询码" in other.post(reverse("grid:follow"), {"code": "AAAA-BBBB"}).content.decode()


def test_the_resident_answers_the_follow_up_and_dissatisfied_reopens(client, w):
    from pingxing.grid.models_cases import ServiceCase

    code = _code_of(client.get(_report(client, w)["Location"]))
    case = ServiceCase.objects.get()
    from django.utils import timezone

    when = timezone.now()
    for action, by, extra in (("register", w.secretary, {}), ("dispatch", w.secretary, {"to_kind": "team", "to": str(w.grid_a2.pk)}),
                              ("acknowledge", w.handler, {}), ("check_pass", w.clerk, {}), ("close", w.secretary, {})):
        if action == "check_pass":
            case = step(case, "feed_back", w.handler, when, "已更换灯泡")
        case = step(case, action, by, when, **extra)
    client.post(reverse("grid:follow"), {"code": code})
    html = client.get(reverse("grid:follow")).content.decode()
    assert 'id="follow-answer"' in html and "已更换灯泡" in html  # what was done is for the resident
    assert str(w.handler) not in html and str(w.secretary) not in html  # no staff names
    client.post(reverse("grid:follow_answer"), {"satisfaction": "dissatisfied", "reason": "还是不亮"})
    case.refresh_from_db()
    assert case.state == "handling" and case.reopen_count == 1
    last = case.steps.order_by("-pk").first()
    assert (last.by, last.actor_role, last.reason) == (None, "resident", "还是不亮")
    html = client.get(reverse("grid:follow")).content.decode()
    assert "处置" in html and 'id="follow-answer"' not in html


def test_a_form_is_sent_once_and_a_script_is_slowed_down(client, w, monkeypatch):
    from pingxing.grid import services_cases
    from pingxing.grid.models_cases import ServiceCase

    token = _token()
    assert _report(client, w, token=token).status_code == 302
    again = _report(client, w, token=token)
    assert again.status_code == 400 and "已提交过" in again.content.decode()
    from pingxing.grid.views_public import issue_form_token

    assert "提交过快" in _report(client, w, token=issue_form_token()).content.decode()
    assert "提交未被接受" in _report(client, w, website="http://spam").content.decode()
    monkeypatch.setattr(services_cases, "REPORTS_PER_CLIENT_PER_HOUR", 2)
    assert _report(client, w).status_code == 302
    refused = _report(client, w)
    assert refused.status_code == 400 and "过于频繁" in refused.content.decode()
    assert ServiceCase.objects.count() == 2


def test_no_public_page_shows_the_reporters_name_or_contact(client, w):
    code = _code_of(client.get(_report(client, w)["Location"]))
    client.post(reverse("grid:follow"), {"code": code})
    from pingxing.grid.models_cases import ServiceCase

    case = ServiceCase.objects.get()
    case.source = "open311"  # listed by the interface too
    case.save()
    pages = [reverse("grid:report"), reverse("grid:follow"),
             reverse("open311:requests", kwargs={"fmt": "json"}), reverse("open311:requests", kwargs={"fmt": "xml"}),
             reverse("open311:request", kwargs={"fmt": "json", "request_id": case.public_id}),
             reverse("open311:request", kwargs={"fmt": "xml", "request_id": case.public_id}),
             reverse("open311:services", kwargs={"fmt": "json"})]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert NAME not in body and CONTACT not in body and CONTACT[-4:] not in body, url
    assert case.number in client.get(reverse("grid:follow")).content.decode()
