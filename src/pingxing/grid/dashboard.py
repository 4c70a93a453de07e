"""The figures of the grid dashboards (网格看板) of a street (or the county) and of a community.

For the cases of the organization's subtree (a merged duplicate is not counted: it lives on
in the case it joined), over a period (a year to date by default):

* cases received in the period by category, by state and by grid, and the heat of issues by
  grid × category (the same counts, as a table and a chart);
* the open cases now by age in working days since receipt: ≤5, 6–10, >10 (`AGE_BANDS`);
* the on-time rate: cases closed in the period on or before their deadline / all cases closed
  in the period (a case with no deadline counts as on time: nothing was due);
* the satisfaction rate: (满意 + 基本满意) / answered follow-ups, over the cases received in the
  period, against `settings.GRID_SATISFACTION_TARGET` (85 % by default);
* the coverage of member–household links (党员联系户): households with at least one link / all
  households, per grid and in all.

A fixed number of queries, whatever the number of grids and cases (asserted in tests).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Count, F, Q
from django.db.models.functions import TruncDate
from django.utils.translation import gettext_lazy as _

from pingxing.grid.cadence import Period
from pingxing.grid.clock import LOCAL_TZ
from pingxing.grid.models import Grid, Household, HouseholdLink
from pingxing.grid.models_cases import CASE_STATE_CHOICES, Satisfaction, ServiceCase
from pingxing.grid.queries_meetings import category_names, received_within
from pingxing.grid.workflow import DONE_STATES
from pingxing.orgs.models import Organization
from pingxing.ratings.calendar import is_working_day

AGE_BANDS = ((5, _("5个工作日以内")), (10, _("6至10个工作日")), (None, _("超过10个工作日")))
DEFAULT_TARGET = 85


def satisfaction_target() -> int:
    return int(getattr(settings, "GRID_SATISFACTION_TARGET", DEFAULT_TARGET))


def percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


@dataclass(frozen=True)
class GridRow:
    grid_id: int
    name: str
    community: str
    cases: int
    by_category: dict[str, int]
    households: int
    linked: int
    heat: tuple[int, ...] = ()  # counts of the heat table's categories, in its order

    @property
    def coverage(self) -> float | None:
        return percent(self.linked, self.households)


@dataclass(frozen=True)
class Board:
    root: Organization
    period: Period
    total: int
    by_category: list[tuple[str, str, int]]  # code, name, count
    by_state: list[tuple[str, str, int]]
    age_bands: list[tuple[str, int]]
    open_total: int
    closed: int
    on_time: int
    answered: int
    satisfied: int
    target: int
    grids: list[GridRow]
    households: int
    linked: int
    heat_categories: list[tuple[str, str]] = field(default_factory=list)

    @property
    def on_time_rate(self) -> float | None:
        return percent(self.on_time, self.closed)

    @property
    def satisfaction_rate(self) -> float | None:
        return percent(self.satisfied, self.answered)

    @property
    def target_met(self) -> bool | None:
        rate = self.satisfaction_rate
        return None if rate is None else rate >= self.target

    @property
    def coverage(self) -> float | None:
        return percent(self.linked, self.households)

    def chart_data(self) -> dict[str, Any]:
        """The figures of the charts (json_script); the tables show the same."""
        return {
            "categories": {"labels": [n for _c, n, _k in self.by_category], "counts": [c for *_r, c in self.by_category]},
            "states": {"labels": [n for _c, n, _k in self.by_state], "counts": [c for *_r, c in self.by_state]},
            "ages": {"labels": [n for n, _c in self.age_bands], "counts": [c for _n, c in self.age_bands]},
            "heat": {"grids": [g.name for g in self.grids], "categories": [n for _c, n in self.heat_categories],
                     "values": [[x, y, n] for y, g in enumerate(self.grids) for x, n in enumerate(g.heat)]},
        }


def _band(days: int) -> int:
    """The index in AGE_BANDS of an age in working days."""
    for n, (limit, _label) in enumerate(AGE_BANDS):
        if limit is None or days <= limit:
            return n
    return len(AGE_BANDS) - 1


def _working_ages(today: dt.date) -> Any:
    """day → its band in AGE_BANDS by the working days after it up to today (as
    clock.working_days_between counts), walking back from today only as far as the bands need:
    a day older than that is in the last band."""
    limit = max(limit for limit, _label in AGE_BANDS if limit is not None)
    counted: dict[dt.date, int] = {}
    day, n = today, 0
    while n <= limit:
        counted[day] = n
        n += is_working_day(day)
        day -= dt.timedelta(days=1)

    def band(received: dt.date) -> int:
        if received >= today:
            return _band(0)
        return _band(counted.get(received, limit + 1))

    return band


def year_period(year: int, today: dt.date) -> Period:
    end = min(dt.date(year, 12, 31), today) if year <= today.year else dt.date(year, 12, 31)
    return Period(dt.date(year, 1, 1), max(end, dt.date(year, 1, 1)))


def board(root: Organization, *, period: Period, today: dt.date, heat_columns: int = 8) -> Board:
    """The dashboard of `root` (a community, a street or the county) for `period`."""
    in_root = Q(community__path__startswith=root.path) if root.level != "organization" else Q(community=root)
    cases = ServiceCase.objects.filter(in_root, merged_into__isnull=True)
    received = cases.filter(received_within(period))
    # 1. grid × category (→ by category, by grid, heat)
    cells = list(received.values("grid_id", "category").annotate(n=Count("pk")).order_by())
    # 2. by state, with the follow-up answers of the same cases
    states = Counter[str]()
    answered = satisfied = 0
    for row in (received.values("state", "satisfaction").annotate(n=Count("pk")).order_by()):
        states[row["state"]] += row["n"]
        if row["satisfaction"]:
            answered += row["n"]
            if row["satisfaction"] in (Satisfaction.SATISFIED, Satisfaction.BASICALLY):
                satisfied += row["n"]
    # 3. closed in the period, on time or not
    end = dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time.min, tzinfo=LOCAL_TZ)
    start = dt.datetime.combine(period.start, dt.time.min, tzinfo=LOCAL_TZ)
    closing = cases.filter(closed_at__gte=start, closed_at__lt=end).aggregate(
        closed=Count("pk"),
        on_time=Count("pk", filter=Q(deadline__isnull=True) | Q(closed_at__date__lte=F("deadline"))))
    # 4. open cases by the day they were received (their age in working days)
    ages: Counter[int] = Counter()
    open_rows = (cases.exclude(state__in=[s.value for s in DONE_STATES])
                 .annotate(day=TruncDate("received_at", tzinfo=LOCAL_TZ)).values("day")
                 .annotate(n=Count("pk")).order_by())
    ages_of = _working_ages(today)
    for row in open_rows:
        ages[ages_of(row["day"])] += row["n"]
    # 5–7. grids, households, links
    grid_q = Q(community__path__startswith=root.path) if root.level != "organization" else Q(community=root)
    grids = list(Grid.objects.filter(grid_q).values("pk", "name", "community__name").order_by("community__path", "code"))
    households = dict(Household.objects.filter(grid__in=[g["pk"] for g in grids]).values("grid_id")
                      .annotate(n=Count("pk")).order_by().values_list("grid_id", "n"))
    linked = dict(HouseholdLink.objects.filter(household__grid__in=[g["pk"] for g in grids])
                  .values("household__grid_id").annotate(n=Count("household_id", distinct=True)).order_by()
                  .values_list("household__grid_id", "n"))

    names = category_names()
    by_cat: Counter[str] = Counter()
    by_grid: dict[int | None, Counter[str]] = defaultdict(Counter)
    for cell in cells:
        by_cat[cell["category"]] += cell["n"]
        by_grid[cell["grid_id"]][cell["category"]] += cell["n"]
    top = [code for code, _n in by_cat.most_common(heat_columns)]
    rows = [GridRow(grid_id=g["pk"], name=g["name"], community=g["community__name"],
                    cases=sum(by_grid[g["pk"]].values()), by_category=dict(by_grid[g["pk"]]),
                    households=households.get(g["pk"], 0), linked=linked.get(g["pk"], 0),
                    heat=tuple(by_grid[g["pk"]].get(code, 0) for code in top)) for g in grids]
    return Board(
        root=root, period=period, total=sum(by_cat.values()),
        by_category=[(code, names.get(code, code), n) for code, n in by_cat.most_common()],
        by_state=[(value, str(label), states[value]) for value, label in CASE_STATE_CHOICES if states[value]],
        age_bands=[(str(label), ages[n]) for n, (_limit, label) in enumerate(AGE_BANDS)], open_total=sum(ages.values()),
        closed=closing["closed"], on_time=closing["on_time"], answered=answered, satisfied=satisfied,
        target=satisfaction_target(), grids=rows, households=sum(households.values()), linked=sum(linked.values()),
        heat_categories=[(code, names.get(code, code)) for code in top],
    )
