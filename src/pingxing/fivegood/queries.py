"""五好党组织 (fivegood): reads — the year's list and the dashboard's shares by kind."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from fractions import Fraction

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from pingxing import rubric
from pingxing.fivegood.models import Assessment, Case, FiveGoodResult
from pingxing.fivegood.services import FIVEGOOD_STANDARD, KINDS
from pingxing.fivegood.workflow import CaseState
from pingxing.members.models import Member
from pingxing.orgs.models import Organization, OrgKind, OrgLevel


@dataclass(frozen=True)
class KindRow:
    kind: str
    label: str
    total: int
    passed: int
    target: Fraction | None  # percent, None when the standard sets none for the kind

    @property
    def share(self) -> Fraction | None:
        return Fraction(self.passed * 100, self.total) if self.total else None

    @property
    def share_text(self) -> str:
        share = self.share
        return "—" if share is None else f"{float(share):.1f}".removesuffix(".0") + "%"

    @property
    def target_text(self) -> str:
        return "—" if self.target is None else f"{float(self.target):g}%"

    @property
    def met(self) -> bool | None:
        if self.target is None or self.share is None:
            return None
        return self.share >= self.target


def dashboard(*, root: Organization, year: int) -> tuple[list[KindRow], list[TrendRow]] | None:
    """The panel's figures under ``root``: per kind for ``year`` and the trend by year.

    None when no assessment was ever opened (one query). Else three queries in all: the
    assessments, the organizations by kind, and the published results by year and kind
    (the year's 五好 counts are that query's row for the year)."""
    standards = dict(Assessment.objects.values_list("year", "standard_id"))
    if not standards:
        return None
    std = rubric.load_standard(standards.get(year, FIVEGOOD_STANDARD))
    totals = dict(Organization.objects.filter(level=OrgLevel.ORGANIZATION, kind__in=KINDS,
                                              path__startswith=root.path)
                  .order_by().values_list("kind").annotate(n=Count("pk")))
    trend = _trend(root)
    this_year = next((cells for y, cells in trend if y == year), [])
    hits = {kind: ok for kind, _n, ok, _share in this_year}
    rows = []
    for kind in KINDS:
        target = std.kind_target(kind)
        rows.append(KindRow(kind, str(OrgKind(kind).label), totals.get(kind, 0), hits.get(kind, 0),
                            target.percent if target else None))
    return rows, trend


def kind_rows(*, root: Organization, year: int) -> list[KindRow]:
    """Per kind under ``root``: organizations, those reaching 五好 in the published results,
    the share and the standard's target for the kind (empty before any assessment)."""
    board = dashboard(root=root, year=year)
    return board[0] if board else []


TrendRow = tuple[int, list[tuple[str, int, int, str]]]


def _trend(root: Organization) -> list[TrendRow]:
    """By year (oldest first): per kind, (kind, published results, of which 五好, share)."""
    rows = (FiveGoodResult.objects.filter(case__state=CaseState.PUBLISHED, organization__path__startswith=root.path)
            .order_by().values("year", "organization__kind")
            .annotate(n=Count("pk"), ok=Count("pk", filter=Q(passed=True))))
    years: dict[int, dict[str, tuple[int, int]]] = {}
    for r in rows:
        years.setdefault(r["year"], {})[r["organization__kind"]] = (r["n"], r["ok"])

    def cell(kind: str, n: int, ok: int) -> tuple[str, int, int, str]:
        return kind, n, ok, KindRow(kind, "", n, ok, None).share_text

    return [(y, [cell(k, *by_kind.get(k, (0, 0))) for k in KINDS]) for y, by_kind in sorted(years.items())]


def state_counts(cases: list[Case]) -> list[tuple[str, int]]:
    """How many of the listed cases are in each state (state label, count), in step order."""
    counts = Counter(c.state for c in cases)
    return [(str(s.label), counts[s]) for s in CaseState if counts[s]]


def facts_rows(std: rubric.Standard, values: dict[str, object]) -> list[tuple[str, str, object]]:
    """(criterion, fact title, value as shown) for every fact the standard judges."""
    from pingxing.fivegood.forms import fact_fields

    rows = []
    for clause, specs in fact_fields(std):
        for spec in specs:
            v = values.get(spec.name)
            shown: object = "—" if v is None else (_("是") if v is True else _("否") if v is False else v)
            rows.append((clause.title_zh, spec.title, shown))
    return rows


def register_facts(case: Case) -> dict[str, int]:
    """Facts the registers already hold, offered in the self-assessment so nobody counts them
    again: the organization's members (its own and those of the branches below it)."""
    total = Member.objects.filter(organization__path__startswith=case.organization.path).count()
    return {"members_total": total}
