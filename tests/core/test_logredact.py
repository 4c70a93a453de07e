"""Log lines never carry ID numbers, mobile numbers or passwords in clear."""

from __future__ import annotations

import logging

from pingxing.core.logredact import RedactSensitiveFilter, redact


def _filtered(message: str, *args: object) -> str:
    record = logging.LogRecord("pingxing", logging.INFO, __file__, 1, message, args or None, None)
    assert RedactSensitiveFilter().filter(record) is True  # redacts, never drops
    return record.getMessage()


def test_an_id_number_is_redacted():
    assert _filtered("imported 33062119700101001X for 笛扬社区") == "imported [REDACTED] for 笛扬社区"


def test_an_id_number_in_the_arguments_is_redacted():
    line = _filtered("member %s saved", "330621197001010011")
    assert "330621197001010011" not in line
    assert "[REDACTED]" in line


def test_a_mobile_number_is_redacted():
    assert _filtered("call 13912345678 now") == "call [REDACTED] now"


def test_a_password_is_redacted():
    line = _filtered("POST username=lihua&password=Sup3r-Secret&next=/")
    assert "Sup3r-Secret" not in line
    assert "password=[REDACTED]" in line
    assert "username=lihua" in line


def test_ordinary_numbers_are_kept():
    line = "org 12345 has 120 members, year 2010, record 1732600000000"
    assert redact(line) == line


def test_the_console_handler_carries_the_filter():
    handlers = logging.getLogger().handlers
    console = [h for h in handlers if any(isinstance(f, RedactSensitiveFilter) for f in h.filters)]
    assert console, "settings.LOGGING must attach RedactSensitiveFilter to the console handler"
