"""The year-end score from the configured weights, against hand-computed figures (pure)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pingxing.pledges.scoring import load_weights, parse_weights, peer_summary, year_end_score

WEIGHTS = load_weights()  # the package's weights.toml: self 0.2, peer 0.3, organization 0.5, 3 raters


def test_the_configured_weights_are_those_of_the_package_file():
    assert (WEIGHTS.self, WEIGHTS.peer, WEIGHTS.organization, WEIGHTS.min_peer_raters) == (
        Decimal("0.2"), Decimal("0.3"), Decimal("0.5"), 3)


def test_three_raters_give_the_hand_computed_score():
    # peers 80, 85, 90 → mean 85; 0.2×90 + 0.3×85 + 0.5×88 = 18 + 25.5 + 44 = 87.5
    score = year_end_score(self_score=90, peer_count=3, peer_total=255, org_score=88, weights=WEIGHTS)
    assert score.peer.mean == Decimal("85.0")
    assert score.total == Decimal("87.5")
    assert score.renormalized is False


def test_below_three_raters_the_peer_part_is_hidden_and_left_out_with_weights_renormalized():
    # 2 raters: no peer score; (0.2×90 + 0.5×88) / 0.7 = 62 / 0.7 = 88.571… → 88.6
    score = year_end_score(self_score=90, peer_count=2, peer_total=160, org_score=88, weights=WEIGHTS)
    assert score.peer.shown is False and score.peer.mean is None and score.peer.raters == 2
    assert "peer" not in score.parts
    assert score.total == Decimal("88.6")
    assert score.renormalized is True
    assert score.weights == {"self": Decimal("0.286"), "organization": Decimal("0.714")}


def test_no_score_before_the_organization_has_evaluated():
    score = year_end_score(self_score=95, peer_count=5, peer_total=450, org_score=None, weights=WEIGHTS)
    assert score.total is None
    assert score.peer.mean == Decimal("90.0")  # the peer mean may show once there are enough raters


def test_a_mean_is_rounded_half_up_to_one_decimal():
    # 3 raters: 80 + 80 + 81 = 241 → 80.333 → 80.3; with only the organization (0.5) and peers (0.3):
    # (0.3×80.3 + 0.5×70) / 0.8 = (24.09 + 35) / 0.8 = 73.8625 → 73.9
    assert peer_summary(count=3, total=241, min_raters=3).mean == Decimal("80.3")
    score = year_end_score(self_score=None, peer_count=3, peer_total=241, org_score=70, weights=WEIGHTS)
    assert score.total == Decimal("73.9")


def test_other_weights_from_a_county_file_change_the_score():
    weights = parse_weights("self = 0.1\npeer = 0.4\norganization = 0.5\nmin_peer_raters = 5\n")
    # 4 raters are now too few: (0.1×60 + 0.5×80) / 0.6 = 46 / 0.6 = 76.666… → 76.7
    assert year_end_score(self_score=60, peer_count=4, peer_total=400, org_score=80, weights=weights).total == (
        Decimal("76.7"))


@pytest.mark.parametrize("text", ["self = 0.2\npeer = 0.3\n", "self = 0.5\npeer = 0.3\norganization = 0.5\n",
                                  "self = -0.2\npeer = 0.7\norganization = 0.5\n"])
def test_a_broken_weights_file_is_refused_in_chinese(text):
    with pytest.raises(ValueError, match="权重"):
        parse_weights(text)
