"""Checks of Chinese resident ID numbers (GB 11643-1999) and mobile numbers. Pure."""

from __future__ import annotations

import datetime as dt
import re

from django.utils.translation import gettext as _

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"
_ID_RE = re.compile(r"^\d{17}[\dX]$")
_MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")


def id_check_char(first17: str) -> str:
    """The GB 11643 check character (0-9 or X) for the first 17 digits."""
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARS[total % 11]


def normalize_id_number(value: str) -> str:
    return (value or "").strip().upper()


def id_number_error(value: str) -> str | None:
    """Why `value` is not a valid 18-character resident ID number, or None when it is."""
    value = normalize_id_number(value)
    if not _ID_RE.match(value):
        return _("身份证号应为18位（前17位为数字，最后一位为数字或X）")
    try:
        dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return _("身份证号中的出生日期无效")
    if id_check_char(value[:17]) != value[17]:
        return _("身份证号校验位错误")
    return None


def id_birth_date(value: str) -> dt.date | None:
    """The birth date a valid ID number states (GB 11643: digits 7–14), or None."""
    value = normalize_id_number(value)
    if id_number_error(value):
        return None
    return dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))


def id_gender(value: str) -> str | None:
    """The gender a valid ID number states: digit 17 odd is male ("M"), even female ("F")."""
    value = normalize_id_number(value)
    if id_number_error(value):
        return None
    return "M" if int(value[16]) % 2 else "F"


def identity_errors(id_number: str, birth_date: dt.date | None, gender: str | None) -> dict[str, str]:
    """Where a birth date or gender ("M"/"F") contradicts a valid ID number, by field."""
    born, stated = id_birth_date(id_number), id_gender(id_number)
    errors: dict[str, str] = {}
    if born is not None and birth_date is not None and birth_date != born:
        errors["birth_date"] = _("出生日期与身份证号不符：身份证号中的出生日期为%(date)s") % {"date": born.isoformat()}
    if stated is not None and gender and gender != stated:
        errors["gender"] = _("性别与身份证号不符：身份证号第17位表示%(gender)s") % {
            "gender": _("男") if stated == "M" else _("女")}
    return errors


def phone_error(value: str) -> str | None:
    """Why `value` is not an 11-digit mainland mobile number, or None (empty is allowed)."""
    value = (value or "").strip()
    if value and not _MOBILE_RE.match(value):
        return _("联系电话应为11位手机号码（以1开头）")
    return None
