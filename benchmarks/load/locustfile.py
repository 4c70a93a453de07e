"""Locust users of the load benchmark (see run.py, which starts everything).

Four kinds of visitor, each logged in once (the login is timed but reported apart):
the county office on the targets dashboard, street committees on their street page
(the 2010 campaign), community secretaries on their declaration form, and anonymous
residents on the public notice. `NoticeSaturation` hammers the public notice page
with no wait, for the saturation run.

Every request goes on a new connection unless $PINGXING_BENCH_KEEPALIVE is 1 (see
`_Page.__init__`). Reads the manifest written by seed.py from $PINGXING_BENCH_MANIFEST. When
$PINGXING_BENCH_SAMPLES is set, every request's (name, start, ms, failed) is written
there as JSON lines on exit, so run.py computes exact percentiles.
"""

from __future__ import annotations

import itertools
import json
import os
from typing import Any

from locust import HttpUser, between, constant, events, task

MANIFEST: dict[str, Any] = {}
if os.environ.get("PINGXING_BENCH_MANIFEST"):
    with open(os.environ["PINGXING_BENCH_MANIFEST"], encoding="utf-8") as _fh:
        MANIFEST = json.load(_fh)

LOGIN = "login"
DASHBOARD = "county dashboard"
STREET_PAGE = "street page"
DECLARATION = "declaration page"
NOTICE = "public notice"

_SAMPLES: list[tuple[str, float, float, bool]] = []
_counters: dict[str, itertools.count] = {}


@events.request.add_listener
def _record(request_type: str, name: str, response_time: float, exception: Any, start_time: float = 0.0,
            **_kw: Any) -> None:
    _SAMPLES.append((name, start_time, response_time, exception is not None))


@events.quitting.add_listener
def _dump(**_kw: Any) -> None:
    path = os.environ.get("PINGXING_BENCH_SAMPLES")
    if not path:
        return
    with open(path, "w", encoding="utf-8") as fh:
        for name, start, ms, failed in _SAMPLES:
            fh.write(json.dumps([name, start, ms, failed]) + "\n")


def _next(pool: str, items: list[Any]) -> Any:
    """Hand out the manifest's accounts in turn, so the users spread over them."""
    counter = _counters.setdefault(pool, itertools.count())
    return items[next(counter) % len(items)]


class _Page(HttpUser):
    abstract = True
    wait_time = between(1, 3)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if os.environ.get("PINGXING_BENCH_KEEPALIVE") != "1":
            # A new connection per request, as a reverse proxy speaking HTTP/1.0 to gunicorn
            # does (nginx's default). Reusing idle connections races gunicorn's 2 s
            # keep-alive: a request sent as the server closes the connection is reset.
            self.client.headers["Connection"] = "close"

    def login(self, username: str) -> None:
        self.client.get("/accounts/login/", name=LOGIN + " form")
        token = self.client.cookies.get("csrftoken", "")
        with self.client.post(
            "/accounts/login/", name=LOGIN, allow_redirects=False, catch_response=True,
            data={"username": username, "password": MANIFEST["password"], "csrfmiddlewaretoken": token,
                  "next": "/"},
        ) as response:
            if response.status_code != 302 or "/accounts/" in response.headers.get("Location", ""):
                response.failure(f"{username} not logged in: {response.status_code}")

    def page(self, path: str, name: str, marker: str) -> None:
        """GET a page; anything but a 200 carrying `marker` (a redirect to the login or
        two-factor page, an error page) counts as a failure."""
        with self.client.get(path, name=name, allow_redirects=False, catch_response=True) as response:
            if response.status_code == 0:
                response.failure(f"no response: {response.error!r}")
            elif response.status_code != 200:
                response.failure(f"HTTP {response.status_code} {response.headers.get('Location', '')}")
            elif marker not in response.text:
                response.failure(f"{marker!r} missing")


class CountyUser(_Page):
    """县评星办: the targets dashboard of the whole county (2,000 organizations)."""

    weight = 10

    def on_start(self) -> None:
        self.login(_next("county", MANIFEST["county"]))

    @task
    def dashboard(self) -> None:
        self.page("/ratings/dashboard/", DASHBOARD, 'id="dashboard-filter"')


class StreetUser(_Page):
    """街道党工委: the street page, its communities in this year's campaign."""

    weight = 15

    def on_start(self) -> None:
        self.login(_next("streets", MANIFEST["streets"]))

    @task
    def street_page(self) -> None:
        self.page(f"/ratings/{MANIFEST['year']}/", STREET_PAGE, "评星晋级")


class SecretaryUser(_Page):
    """社区党组织书记: the self-declaration form of the own community."""

    weight = 15

    def on_start(self) -> None:
        secretary = _next("secretaries", MANIFEST["secretaries"])
        self.case_id = secretary["case"]
        self.login(secretary["username"])

    @task
    def declaration(self) -> None:
        self.page(f"/ratings/case/{self.case_id}/declare/", DECLARATION, 'id="facts-form"')


class Resident(_Page):
    """Anyone, no login: the public notice of the four- and five-star candidates."""

    weight = 10

    @task
    def notice(self) -> None:
        self.page("/public/notice/", NOTICE, "公示")


class NoticeSaturation(_Page):
    """The saturation run: the public notice page as fast as it answers."""

    wait_time = constant(0)

    @task
    def notice(self) -> None:
        self.page("/public/notice/", NOTICE, "公示")
