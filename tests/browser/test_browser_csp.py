"""Every page works under the Content-Security-Policy, and looking at pages changes nothing.

The demo data (every feature) is loaded; then the county office, a community secretary, the
account administrator and an anonymous visitor each walk every page reachable by links from
their home page. On each page: no CSP violation and no script error in the console, and htmx
is loaded. Before and after the walk the rows of every table of ours (audit trail, sessions and
login records aside) are counted: GET requests must not change any of them."""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urldefrag, urlparse

import pytest
from django.apps import apps

from conftest import login

pytestmark = pytest.mark.usefixtures("transactional_db")

SKIP = re.compile(r"/accounts/logout|/export|/download|/file/|\.xlsx|\.docx|\.pdf|/template|/sheet|"
                  r"/evidence/\d+/$|/report/\d+/(docx|pdf)|/static/|/media/")
PER_PATTERN = 2  # pages of one shape (…/members/N/) visited per person
MAX_PAGES = 120
LOG_TABLES = {"audit", "sessions", "axes", "otp_totp", "otp_static", "django_tasks"}


def _counts() -> Counter[str]:
    return Counter({
        model._meta.label: model._default_manager.count()
        for model in apps.get_models() if model._meta.app_label not in LOG_TABLES
    })


def _walk(page, base: str) -> list[tuple[str, list[str]]]:
    """Visit every same-site page reachable from the current one; return (path, problems)."""
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"script error: {e}"))
    seen_shapes: Counter[str] = Counter()
    queue = [urlparse(page.url).path]
    visited: set[str] = set()
    report = []
    while queue and len(visited) < MAX_PAGES:
        path = queue.pop(0)
        shape = re.sub(r"/\d+", "/N", path.split("?")[0])
        if path in visited or seen_shapes[shape] >= PER_PATTERN or SKIP.search(path):
            continue
        visited.add(path)
        seen_shapes[shape] += 1
        problems.clear()
        try:
            response = page.goto(path, wait_until="load")
        except Exception as error:
            if "Download is starting" in str(error):
                continue
            raise
        if response is None or "html" not in (response.headers.get("content-type") or ""):
            continue
        page.wait_for_timeout(50)
        violations = page.evaluate("window.__csp || []")
        if not page.evaluate("typeof window.htmx !== 'undefined'") and "/api/docs" not in path:
            problems.append("htmx did not load")
        csp = response.headers.get("content-security-policy", "")
        if "script-src 'self'" not in csp:
            problems.append(f"no Content-Security-Policy header: {csp!r}")
        report.append((path, [*problems, *(f"CSP violation: {v}" for v in violations)]))
        for href in page.eval_on_selector_all("a[href]:not([download])", "els => els.map(e => e.href)"):
            url, _fragment = urldefrag(href)
            if url.startswith(base):
                queue.append(url[len(base):] or "/")
    return report


def test_every_page_works_under_the_policy_and_no_get_changes_anything(browser, live_server, settings):
    from pingxing.demo import DEMO_PASSWORD, load_demo_if_empty

    settings.REQUIRE_STAFF_2FA = False
    load_demo_if_empty()
    before = _counts()
    pages: list[tuple[str, list[str]]] = []
    for username in ("county", "secretary_diyang", "admin", None):
        context = browser.new_context(locale="zh-CN", base_url=live_server.url)
        context.add_init_script(
            "document.addEventListener('securitypolicyviolation', e => (window.__csp = window.__csp || [])"
            ".push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber));")
        page = context.new_page()
        if username:
            login(page, username, DEMO_PASSWORD)
        else:
            page.goto("/public/notice/")
        pages += [(f"{username or 'visitor'} {path}", found) for path, found in _walk(page, live_server.url)]
        context.close()
    assert len(pages) >= 40, [p for p, _ in pages]
    assert {p: found for p, found in pages if found} == {}
    assert _counts() == before
