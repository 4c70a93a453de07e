"""A logging filter that blanks ID numbers, phone numbers and voting codes."""

from __future__ import annotations

import logging
import re

# 18-digit resident ID (last may be X), 11-digit mainland mobile, and anything
# labelled as a password, token or voting code.
_PATTERNS = [
    re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)"),
    re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)"),
    re.compile(r"(?i)((?:password|passwd|otp_token|vote_code|voting_code|ballot_code|receipt_code|receipt|enrolment_code)\W{0,3}[:=]\W{0,3})\S+"),
]


def mask_personal(text: str) -> str:
    """ID numbers and mobile numbers inside a text, masked as on the pages (3301**********1234,
    138****5678): for files handed back to a user, e.g. the bad rows of an import."""
    text = _PATTERNS[0].sub(lambda m: m.group(0)[:4] + "*" * 10 + m.group(0)[-4:], text)
    return _PATTERNS[1].sub(lambda m: m.group(0)[:3] + "****" + m.group(0)[-4:], text)


def redact(text: str) -> str:
    for pattern in _PATTERNS:
        if pattern.groups:
            text = pattern.sub(lambda m: m.group(1) + "[REDACTED]", text)
        else:
            text = pattern.sub("[REDACTED]", text)
    return text


class RedactSensitiveFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True
