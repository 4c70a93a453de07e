"""The year-end score of pioneer pledges (pure: no Django).

score = Σ weight × part over the parts present, divided by the sum of their weights. The peer
part is present only with at least `min_peer_raters` raters (its value is their mean); a missing
part (no self-evaluation yet, too few raters, no organization evaluation yet) is left out and
the remaining weights are renormalized. Without the organization's evaluation there is no
score at all: it is the main basis and the organization's to give.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

WEIGHTS_FILE = Path(__file__).with_name("weights.toml")
PARTS = ("self", "peer", "organization")


@dataclass(frozen=True)
class Weights:
    self: Decimal
    peer: Decimal
    organization: Decimal
    min_peer_raters: int = 3

    def of(self, part: str) -> Decimal:
        return {"self": self.self, "peer": self.peer, "organization": self.organization}[part]


def parse_weights(text: str) -> Weights:
    """Weights from TOML text; ValueError (in Chinese) when a weight is missing, negative or they
    do not sum to 1."""
    data = tomllib.loads(text)
    values: dict[str, Decimal] = {}
    for part in PARTS:
        raw = data.get(part)
        if not isinstance(raw, int | float) or isinstance(raw, bool) or raw < 0:
            raise ValueError(f"权重配置缺少或错误：{part}")
        values[part] = Decimal(str(raw))
    if sum(values.values()) != Decimal(1):
        raise ValueError("权重之和必须为 1")
    minimum = data.get("min_peer_raters", 3)
    if not isinstance(minimum, int) or minimum < 1:
        raise ValueError("权重配置错误：min_peer_raters")
    return Weights(self=values["self"], peer=values["peer"], organization=values["organization"],
                   min_peer_raters=minimum)


def load_weights(path: Path = WEIGHTS_FILE) -> Weights:
    return parse_weights(path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class PeerSummary:
    """What may be shown of the peer scores: their mean and count, only from the minimum up."""

    raters: int
    mean: Decimal | None

    @property
    def shown(self) -> bool:
        return self.mean is not None


def peer_summary(*, count: int, total: int, min_raters: int) -> PeerSummary:
    """The mean of `count` peer scores summing to `total`, or None below `min_raters` raters
    (then only the count is shown)."""
    if count < min_raters or count <= 0:
        return PeerSummary(raters=count, mean=None)
    return PeerSummary(raters=count, mean=_round(Decimal(total) / count))


@dataclass(frozen=True)
class YearEndScore:
    total: Decimal | None
    parts: dict[str, Decimal]  # part → value, only the parts that counted
    weights: dict[str, Decimal]  # part → effective (renormalized) weight
    peer: PeerSummary
    renormalized: bool


def year_end_score(*, self_score: int | None, peer_count: int, peer_total: int, org_score: int | None,
                   weights: Weights) -> YearEndScore:
    """Combine the three parts (see the module's docstring); rounded to one decimal, half up.
    The peer mean is rounded to one decimal before it is weighted, as shown on the page."""
    peer = peer_summary(count=peer_count, total=peer_total, min_raters=weights.min_peer_raters)
    present: dict[str, Decimal] = {}
    if self_score is not None:
        present["self"] = Decimal(self_score)
    if peer.mean is not None:
        present["peer"] = peer.mean
    if org_score is not None:
        present["organization"] = Decimal(org_score)
    used = sum((weights.of(p) for p in present), Decimal(0))
    if org_score is None or used == 0:
        return YearEndScore(total=None, parts=present, weights={}, peer=peer, renormalized=False)
    effective = {p: weights.of(p) / used for p in present}
    total = sum((effective[p] * present[p] for p in present), Decimal(0))
    return YearEndScore(total=_round(total), parts=present, weights={p: _round(w, "0.001") for p, w in effective.items()},
                        peer=peer, renormalized=used != Decimal(1))


def _round(value: Decimal, places: str = "0.1") -> Decimal:
    return value.quantize(Decimal(places), rounding=ROUND_HALF_UP)
