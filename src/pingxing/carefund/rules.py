"""The care fund's bookkeeping rules (pure, no Django): a posting balances, and no account's
balance goes below zero. ``carefund.ledger`` applies them under the row locks."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

# amounts are integer fen (分) everywhere; yuan only at the edges (forms, documents)
FEN_PER_YUAN = 100
MAX_AMOUNT = 10**11  # one billion yuan: far above any real posting, below BigInteger's limit


@dataclass(frozen=True, slots=True)
class Line:
    """One entry of a posting to be made: ``debit`` or ``credit`` fen on account ``account_id``."""

    account_id: int
    debit: int = 0
    credit: int = 0


def _(message: str) -> str:
    """Marks a message for the catalogue; it is translated when shown (``PostingRefused.__str__``)."""
    return message


class PostingRefused(Exception):
    """A posting that breaks a rule; the message (zh-hans msgid) is for the user."""

    def __str__(self) -> str:
        message = str(self.args[0]) if self.args else ""
        from django.conf import settings  # at display time only: this module stays pure

        if not settings.configured:  # a pure caller (tests, scripts): the msgid is the message
            return message
        from django.utils.translation import gettext

        return str(gettext(message))


def check_lines(lines: Sequence[Line]) -> None:
    """At least two lines, each one-sided and positive, debits equal to credits."""
    if len(lines) < 2:
        raise PostingRefused(_("一笔凭证至少要有借贷两条分录。"))
    for line in lines:
        if isinstance(line.debit, bool) or isinstance(line.credit, bool):
            raise PostingRefused(_("金额必须是整数分。"))
        if not isinstance(line.debit, int) or not isinstance(line.credit, int):
            raise PostingRefused(_("金额必须是整数分。"))
        if (line.debit > 0) == (line.credit > 0) or line.debit < 0 or line.credit < 0:
            raise PostingRefused(_("每条分录只能有借方或贷方一个正数金额。"))
        if line.debit > MAX_AMOUNT or line.credit > MAX_AMOUNT:
            raise PostingRefused(_("金额超出允许范围。"))
    if sum(x.debit for x in lines) != sum(x.credit for x in lines):
        raise PostingRefused(_("借方合计与贷方合计不相等。"))


def balances_after(balances: Mapping[int, int], debit_normal: Mapping[int, bool],
                   lines: Sequence[Line]) -> dict[int, int]:
    """The accounts' balances once ``lines`` are posted; refused if any would go below zero."""
    after = dict(balances)
    for line in lines:
        if line.account_id not in after or line.account_id not in debit_normal:
            raise PostingRefused(_("分录的科目不属于该基金。"))
        sign = 1 if debit_normal[line.account_id] else -1
        after[line.account_id] = after[line.account_id] + sign * (line.debit - line.credit)
    if any(value < 0 for value in after.values()):
        raise PostingRefused(_("余额不足：该笔记账会使科目余额小于零。"))
    return after


def reversal_of(lines: Sequence[Line]) -> list[Line]:
    """The lines that undo ``lines`` (debits become credits)."""
    return [Line(account_id=x.account_id, debit=x.credit, credit=x.debit) for x in lines]


def yuan(fen: int) -> str:
    """12345 → "123.45" (for documents and pages; never for arithmetic)."""
    sign = "-" if fen < 0 else ""
    whole, part = divmod(abs(fen), FEN_PER_YUAN)
    return f"{sign}{whole:,}.{part:02d}"


# what an input method may type: full-width digits, point and comma
_FULLWIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")


def _digits(text: str) -> bool:
    return text.isascii() and text.isdigit()


def parse_yuan(text: str) -> int:
    """"123.4" → 12340 fen; a clear refusal for anything that is not a positive amount."""
    raw = (text or "").strip().translate(_FULLWIDTH).replace(",", "")
    if raw.endswith("元"):
        raw = raw[:-1].strip()
    whole, _dot, part = raw.partition(".")
    # ASCII digits only: str.isdigit() also admits "²" and other digits int() refuses
    if not _digits(whole) or (part and (not _digits(part) or len(part) > 2)):
        raise PostingRefused(_("金额格式不正确，请填写元，最多两位小数，如 1200 或 1200.50。"))
    if len(whole.lstrip("0")) > len(str(MAX_AMOUNT // FEN_PER_YUAN)):  # before int(): no 5,000-digit parse
        raise PostingRefused(_("金额超出允许范围。"))
    fen = int(whole) * FEN_PER_YUAN + int((part + "00")[:2])
    if fen <= 0:
        raise PostingRefused(_("金额必须大于零。"))
    if fen > MAX_AMOUNT:
        raise PostingRefused(_("金额超出允许范围。"))
    return fen
