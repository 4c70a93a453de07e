"""The care fund's bookkeeping rules, pure (no database, no Django settings): a posting balances,
no balance goes below zero, a reversal undoes its posting, and yuan are read and written exactly."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pingxing.carefund.rules import (
    MAX_AMOUNT,
    Line,
    PostingRefused,
    balances_after,
    check_lines,
    parse_yuan,
    reversal_of,
    yuan,
)

CHINESE = re.compile(r"[\u4e00-\u9fff]")
ACCOUNTS = (1, 2, 3, 4)
DEBIT_NORMAL = {1: True, 2: False, 3: True, 4: True}  # bank, donations, hardship, startup
amounts = st.integers(1, MAX_AMOUNT)


def refusal(excinfo: pytest.ExceptionInfo[PostingRefused]) -> str:
    message = str(excinfo.value)  # outside Django the msgid itself, in Chinese
    assert CHINESE.search(message), message
    return message


@st.composite
def balanced_lines(draw: st.DrawFn) -> list[Line]:
    """Two or more one-sided lines whose debits equal their credits."""
    debits = draw(st.lists(st.integers(1, 10**6), min_size=1, max_size=3))
    total = sum(debits)
    cuts = sorted(draw(st.lists(st.integers(1, total - 1), max_size=2, unique=True))) if total > 1 else []
    credits = [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]
    lines = [Line(draw(st.sampled_from(ACCOUNTS)), debit=d) for d in debits]
    lines += [Line(draw(st.sampled_from(ACCOUNTS)), credit=c) for c in credits]
    return draw(st.permutations(lines))


@given(balanced_lines())
def test_balanced_one_sided_lines_pass(lines):
    check_lines(lines)
    assert sum(x.debit for x in lines) == sum(x.credit for x in lines)


@given(balanced_lines(), st.integers(1, 1000))
def test_lines_that_do_not_balance_are_refused(lines, extra):
    first = lines[0]
    skewed = [Line(first.account_id, debit=first.debit + extra if first.debit else 0,
                   credit=first.credit + extra if first.credit else 0), *lines[1:]]
    with pytest.raises(PostingRefused) as refused:
        check_lines(skewed)
    assert "借方合计与贷方合计不相等" in refusal(refused)


@pytest.mark.parametrize(("lines", "says"), [
    ([], "至少要有借贷两条"),
    ([Line(1, debit=5)], "至少要有借贷两条"),
    ([Line(1, debit=5, credit=5), Line(2, credit=0, debit=0)], "只能有借方或贷方"),
    ([Line(1, debit=0), Line(2, credit=0)], "只能有借方或贷方"),
    ([Line(1, debit=-5), Line(2, credit=-5)], "只能有借方或贷方"),
    ([Line(1, debit=5, credit=-5), Line(2, credit=0)], "只能有借方或贷方"),
    ([Line(1, debit=1.5), Line(2, credit=1.5)], "整数分"),  # type: ignore[arg-type]
    ([Line(1, debit=True), Line(2, credit=True)], "整数分"),
    ([Line(1, debit=MAX_AMOUNT + 1), Line(2, credit=MAX_AMOUNT + 1)], "超出允许范围"),
])
def test_malformed_lines_are_refused_in_chinese(lines, says):
    with pytest.raises(PostingRefused) as refused:
        check_lines(lines)
    assert says in refusal(refused)


@given(st.dictionaries(st.sampled_from(ACCOUNTS), st.integers(0, 10**7), min_size=4, max_size=4),
       balanced_lines())
def test_balances_after_moves_each_account_on_its_normal_side_or_refuses(balances, lines):
    expected = dict(balances)
    for x in lines:
        expected[x.account_id] += (x.debit - x.credit) * (1 if DEBIT_NORMAL[x.account_id] else -1)
    if min(expected.values()) < 0:
        with pytest.raises(PostingRefused) as refused:
            balances_after(balances, DEBIT_NORMAL, lines)
        assert "余额不足" in refusal(refused)
        return
    after = balances_after(balances, DEBIT_NORMAL, lines)
    assert after == expected
    assert balances == {k: balances[k] for k in ACCOUNTS}  # the caller's mapping is untouched


def test_balances_after_refuses_an_account_it_was_not_given():
    with pytest.raises(PostingRefused) as refused:
        balances_after({1: 100}, {1: True}, [Line(1, credit=5), Line(9, debit=5)])
    assert "不属于该基金" in refusal(refused)


@given(balanced_lines(), st.dictionaries(st.sampled_from(ACCOUNTS), st.integers(0, 10**7), min_size=4, max_size=4))
def test_a_reversal_balances_and_brings_every_balance_back(lines, balances):
    undo = reversal_of(lines)
    check_lines(undo)
    assert reversal_of(undo) == list(lines)
    assert [x.account_id for x in undo] == [x.account_id for x in lines]
    try:
        after = balances_after(balances, DEBIT_NORMAL, lines)
    except PostingRefused:
        return
    assert balances_after(after, DEBIT_NORMAL, undo) == balances


@given(amounts)
def test_yuan_is_read_back_to_the_same_fen(fen):
    text = yuan(fen)
    assert re.fullmatch(r"\d{1,3}(,\d{3})*\.\d\d", text)
    assert parse_yuan(text) == fen
    assert parse_yuan(text.replace(",", "") + "元") == fen
    assert parse_yuan(f"  {text} ") == fen


@given(st.integers(0, MAX_AMOUNT // 100 - 1), st.sampled_from(["", ".", ".0", ".5", ".05", ".50"]))
def test_yuan_with_up_to_two_decimals_is_exact(whole, tail):
    fen = whole * 100 + int((tail[1:] + "00")[:2])
    if fen == 0:
        with pytest.raises(PostingRefused):
            parse_yuan(f"{whole}{tail}")
        return
    assert parse_yuan(f"{whole}{tail}") == fen


def test_yuan_shows_sign_and_cents():
    assert yuan(0) == "0.00"
    assert yuan(5) == "0.05"
    assert yuan(123_456_789) == "1,234,567.89"
    assert yuan(-1050) == "-10.50"


def test_full_width_digits_from_an_input_method_are_read():
    assert parse_yuan("１２００．５０") == 120_050
    assert parse_yuan("１，２００元") == 120_000


@pytest.mark.parametrize(("text", "says"), [
    ("", "格式不正确"), ("   ", "格式不正确"), ("元", "格式不正确"), ("abc", "格式不正确"),
    ("-5", "格式不正确"), ("+5", "格式不正确"), ("1.234", "格式不正确"), ("1.2.3", "格式不正确"),
    (".5", "格式不正确"), ("1e3", "格式不正确"), ("1 000", "格式不正确"), ("²", "格式不正确"),
    ("١٢", "格式不正确"), ("0", "必须大于零"), ("0.00", "必须大于零"),
    (str(MAX_AMOUNT // 100 + 1), "超出允许范围"), ("9" * 5000, "超出允许范围"),
])
def test_what_is_not_a_positive_amount_is_refused_in_chinese(text, says):
    with pytest.raises(PostingRefused) as refused:
        parse_yuan(text)
    assert says in refusal(refused)


@given(st.text(max_size=20))
def test_any_text_gives_fen_or_a_refusal_never_another_error(text):
    try:
        fen = parse_yuan(text)
    except PostingRefused as refused:
        assert CHINESE.search(str(refused))
        return
    assert 0 < fen <= MAX_AMOUNT
    assert parse_yuan(yuan(fen)) == fen


def test_the_largest_amount_is_read_and_one_fen_more_is_refused():
    assert parse_yuan(yuan(MAX_AMOUNT)) == MAX_AMOUNT
    with pytest.raises(PostingRefused) as refused:
        parse_yuan(yuan(MAX_AMOUNT + 1))
    assert "超出允许范围" in refusal(refused)
    assert parse_yuan("0001200") == 120_000  # leading zeros are not digits that count
