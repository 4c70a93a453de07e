"""The agenda of an analysis meeting built from hand-made facts (pure: no database)."""

from __future__ import annotations

from datetime import date

from pingxing.grid.agenda import AgendaFacts, CaseLine, build_agenda, normalize_address
from pingxing.grid.cadence import Period

WEEK = Period(date(2026, 11, 23), date(2026, 11, 29))


def line(n: int, *, state: str = "handling", received: date = date(2026, 11, 24), deadline: date | None = None,
         digest: str = "", address: str = "", grid: int | None = 1) -> CaseLine:
    return CaseLine(id=n, number=f"C{n}", title=f"案件{n}", category="clutter", grid_id=grid, state=state,
                    received_on=received, deadline=deadline, address=address, reporter_digest=digest)


def facts(**kw) -> AgendaFacts:
    base = {"period": WEEK, "counts": {}, "previous_counts": {}, "open_cases": (), "recent_cases": (),
            "unsatisfied": ()}
    return AgendaFacts(**(base | kw))


def test_addresses_are_compared_without_spaces_and_full_width_forms():
    assert normalize_address(" 柯桥路　１２号 Ａ座 ") == normalize_address("柯桥路12号a座") == "柯桥路12号a座"


def test_counts_by_category_and_grid_carry_the_trend_against_the_previous_period():
    agenda = build_agenda(facts(
        counts={("clutter", 1): 3, ("noise", 1): 1, ("clutter", 2): 2},
        previous_counts={("clutter", 1): 1, ("noise", 2): 4},
        category_names={"clutter": "乱堆乱放", "noise": "噪声扰民"}, grid_names={1: "一网格", 2: "二网格"}))
    assert (agenda.total, agenda.previous_total) == (6, 5)
    assert [(t.name, t.count, t.previous, t.change) for t in agenda.by_category] == [
        ("乱堆乱放", 5, 1, 4), ("噪声扰民", 1, 4, -3)]
    assert [(t.name, t.count, t.previous) for t in agenda.by_grid] == [("一网格", 4, 1), ("二网格", 2, 4)]
    assert WEEK.previous() == Period(date(2026, 11, 16), date(2026, 11, 22))


def test_overdue_means_not_done_and_past_the_deadline_before_the_period_ends():
    agenda = build_agenda(facts(open_cases=(
        line(1, deadline=date(2026, 11, 28)), line(2, deadline=date(2026, 11, 29)),
        line(3, state="closed", deadline=date(2026, 11, 1)), line(4, deadline=date(2026, 10, 1)),
        line(5, deadline=None))))
    assert [c.number for c in agenda.overdue] == ["C4", "C1"]  # the oldest deadline first


def test_repeats_need_two_cases_in_the_ninety_days_up_to_the_period_end_and_hide_the_reporter():
    agenda = build_agenda(facts(recent_cases=(
        line(1, digest="d1", received=date(2026, 9, 1)), line(2, digest="d1"),  # 09-01 is day 90
        line(3, digest="d2", received=date(2026, 8, 31)), line(4, digest="d2"),  # 08-31: outside
        line(5, address="柯桥路 １号"), line(6, address="柯桥路1号"), line(7, address="柯桥路2号"))))
    assert [[c.number for c in r.cases] for r in agenda.repeated_reporters] == [["C1", "C2"]]
    assert [r.label for r in agenda.repeated_reporters] == ["反映人1"]
    assert [(r.label, [c.number for c in r.cases]) for r in agenda.repeated_addresses] == [("柯桥路1号", ["C5", "C6"])]
    snapshot = agenda.to_json()
    assert "d1" not in str(snapshot) and snapshot["repeated_reporters"][0]["cases"][0]["number"] == "C1"


def test_unsatisfied_follow_ups_are_listed():
    agenda = build_agenda(facts(unsatisfied=(line(9), line(8))))
    assert [c.number for c in agenda.unsatisfied] == ["C8", "C9"]
    assert agenda.to_json()["unsatisfied"][0]["received_on"] == "2026-11-24"
