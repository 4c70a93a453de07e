"""Browser tests: Debian's headless Chromium driven by Playwright against live_server.

Never downloads a browser: Playwright launches /usr/bin/chromium (apt-get install chromium).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

# Playwright's sync API keeps an event loop in this thread; Django's ORM calls made by
# the test itself (fixtures, assertions) are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, settings) -> Iterator[object]:
    settings.REQUIRE_STAFF_2FA = False
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900},
                                  base_url=live_server.url, accept_downloads=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


def login(page, username: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


@pytest.fixture
def open_page(browser, live_server, settings) -> Iterator[object]:
    """A factory of pages, each in its own browser context (its own cookies), so several
    people can work side by side in one test: open_page(username=…, password=…) logs in;
    open_page() is an anonymous visitor. Extra keywords go to new_context (e.g. a viewport)."""
    settings.REQUIRE_STAFF_2FA = False
    contexts = []

    def _open(*, username: str | None = None, password: str | None = None, **options: object) -> object:
        options = {"locale": "zh-CN", "viewport": {"width": 1280, "height": 900}, **options}
        context = browser.new_context(base_url=live_server.url, accept_downloads=True, **options)
        context.set_default_timeout(15_000)
        contexts.append(context)
        new_page = context.new_page()
        if username is not None:
            login(new_page, username, password or "")
        return new_page

    yield _open
    for context in contexts:
        context.close()
