"""Password rules beyond Django's own (等保2.0 三级, ASVS L2 2.1)."""

from __future__ import annotations

import secrets
import string

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


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
        if character_classes(password) < self.min_classes:
            raise ValidationError(
                _("密码须包含小写字母、大写字母、数字、其他符号中的至少%(n)d类。") % {"n": self.min_classes},
                code="password_too_simple",
            )

    def get_help_text(self) -> str:
        return _("至少包含小写字母、大写字母、数字、其他符号中的%(n)d类。") % {"n": self.min_classes}


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
