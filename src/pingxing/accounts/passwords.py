"""Password rules beyond Django's own (等保2.0 三级, ASVS L2 2.1).

Every path that sets a password (change, reset, account creation, bulk creation, the
enrolment page) goes through AUTH_PASSWORD_VALIDATORS, so these rules hold on all of them:

- at least 12 characters, or 8 Chinese characters;
- three of four character classes — except for passphrases (16+ characters or 8+ Chinese
  characters), where the strength estimate alone decides;
- a strength estimate (accounts.strength) of at least 10^12 guesses, reading the password as
  an attacker with Chinese dictionaries, the user's own name and organization and their pinyin would.
"""

from __future__ import annotations

import secrets
import string
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pingxing.accounts import strength

PASSPHRASE_LENGTH = 16
PASSPHRASE_CHINESE = 8


def is_passphrase(password: str) -> bool:
    return len(password) >= PASSPHRASE_LENGTH or strength.chinese_count(password) >= PASSPHRASE_CHINESE


def character_classes(password: str) -> int:
    """How many of: lower-case, upper-case, digits, other characters."""
    classes = [
        any(c in string.ascii_lowercase for c in password),
        any(c in string.ascii_uppercase for c in password),
        any(c.isdigit() for c in password),
        any(not (c.isascii() and c.isalnum()) for c in password),
    ]
    return sum(classes)


class CharacterClassValidator:
    def __init__(self, min_classes: int = 3) -> None:
        self.min_classes = min_classes

    def validate(self, password: str, user: object = None) -> None:
        if is_passphrase(password):
            return  # the strength estimate decides
        if character_classes(password) < self.min_classes:
            raise ValidationError(
                _("密码须包含小写字母、大写字母、数字、其他符号中的至少%(n)d类。") % {"n": self.min_classes},
                code="password_too_simple",
            )

    def get_help_text(self) -> str:
        return _("至少包含小写字母、大写字母、数字、其他符号中的%(n)d类（16位以上的长密码或8个以上汉字除外）。") % {
            "n": self.min_classes}


class MinimumLengthValidator:
    """At least `min_length` characters, or `min_chinese` Chinese characters (a Chinese
    character carries far more than a letter)."""

    def __init__(self, min_length: int = 12, min_chinese: int = PASSPHRASE_CHINESE) -> None:
        self.min_length, self.min_chinese = min_length, min_chinese

    def validate(self, password: str, user: object = None) -> None:
        if len(password) < self.min_length and strength.chinese_count(password) < self.min_chinese:
            raise ValidationError(
                _("密码太短：至少%(n)d个字符，或至少%(c)d个汉字。") % {"n": self.min_length, "c": self.min_chinese},
                code="password_too_short",
            )

    def get_help_text(self) -> str:
        return _("至少%(n)d个字符，或至少%(c)d个汉字。") % {"n": self.min_length, "c": self.min_chinese}


REASON_TEXT = {
    "personal": gettext_lazy("含有您的用户名、姓名或所在组织（包括拼音和首字母）"),
    "keyboard": gettext_lazy("含有键盘上相邻的按键（如 1qaz、qwer、asdf）"),
    "names": gettext_lazy("含有常见的姓名或其拼音"),
    "pinyin": gettext_lazy("含有常见的拼音词语、地名或数字（如 zhongguo、beijing、dangyuan、5201314）"),
    "common": gettext_lazy("是常见密码或其变形"),
    "dates": gettext_lazy("含有年份或日期"),
    "sequence": gettext_lazy("含有 abc、123 这样的顺序"),
    "repeat": gettext_lazy("含有重复的字符"),
    "words": gettext_lazy("由常见单词加数字或符号组成"),
    "l33t": gettext_lazy("用 @ 代替 a、0 代替 o 这样的替换并不增加难度"),
}


def user_inputs(user: Any) -> list[str]:
    """What an attacker knows of the user: username, name, e-mail and organization."""
    if user is None:
        return []
    values = [getattr(user, name, "") or "" for name in ("username", "display_name", "first_name", "last_name", "email")]
    organization = getattr(user, "organization", None) if getattr(user, "organization_id", None) else None
    if organization is not None:
        values += [organization.name, getattr(organization, "code", "") or ""]
    return [str(v) for v in values if v]


class StrengthValidator:
    """Refuses a password an attacker would guess in fewer than 10^`min_guesses_log10` tries."""

    def __init__(self, min_guesses_log10: float = 12) -> None:
        self.min_guesses_log10 = min_guesses_log10

    def validate(self, password: str, user: object = None) -> None:
        result = strength.estimate(password, user_inputs(user))
        if result.guesses_log10 >= self.min_guesses_log10:
            return
        why = [str(REASON_TEXT[key]) for key in strength.reasons(result.patterns_below(self.min_guesses_log10))] or [str(_("组合方式过于常见"))]
        raise ValidationError(
            _("密码太容易被猜到：%(why)s。请换一个更长、不含个人信息的密码，例如几个互不相关的词语组成的短句。")
            % {"why": "；".join(why)},
            code="password_too_guessable",
        )

    def get_help_text(self) -> str:
        return _("不能含有姓名、用户名、组织名称及其拼音，不能是键盘连续按键、常见词语加数字或年份。推荐使用几个互不相关的词语组成的短句。")


class MaximumLengthValidator:
    """Long passphrases are welcome; only absurd lengths are refused."""

    def __init__(self, max_length: int = 128) -> None:
        self.max_length = max_length

    def validate(self, password: str, user: object = None) -> None:
        if len(password) > self.max_length:
            raise ValidationError(
                _("密码不能超过%(n)d个字符。") % {"n": self.max_length}, code="password_too_long"
            )

    def get_help_text(self) -> str:
        return _("最多%(n)d个字符。") % {"n": self.max_length}


# Temporary passwords: no look-alike characters (0/O, 1/l/I), easy to read off a sheet.
_LOWER = "abcdefghijkmnpqrstuvwxyz"
_UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ"
_DIGITS = "23456789"


def temporary_password(user: object = None) -> str:
    """A random one-time password ("Xk7p-Qm3t-Zr9w", about 69 bits) that passes every
    validator of AUTH_PASSWORD_VALIDATORS for `user`."""
    rng = secrets.SystemRandom()
    alphabet = _LOWER + _UPPER + _DIGITS
    for _attempt in range(20):
        chars = [secrets.choice(_LOWER), secrets.choice(_UPPER), secrets.choice(_DIGITS)]
        chars += [secrets.choice(alphabet) for _ in range(9)]
        rng.shuffle(chars)
        password = "-".join("".join(chars[i:i + 4]) for i in (0, 4, 8))
        try:
            validate_password(password, user)
        except ValidationError:
            continue
        return password
    raise RuntimeError("no temporary password passed the password validators")
