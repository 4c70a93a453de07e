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


def _handlers_of_every_logger():
    import logging

    loggers = [logging.getLogger()] + [
        logging.getLogger(name) for name, obj in logging.Logger.manager.loggerDict.items()
        if isinstance(obj, logging.Logger)
    ]
    for logger in loggers:
        for handler in logger.handlers:
            yield logger.name, handler


def test_every_handler_of_every_logger_redacts():
    import django.utils.log  # noqa: F401  (Django's logging set up, as in every process)

    unfiltered = [
        (name, type(handler).__name__) for name, handler in _handlers_of_every_logger()
        if not any(isinstance(f, RedactSensitiveFilter) for f in handler.filters)
        and not isinstance(handler, logging.NullHandler)
        and type(handler).__name__ not in {"LogCaptureHandler", "_LiveLoggingNullHandler", "_FileHandler"}
    ]
    assert unfiltered == []


def test_the_development_servers_request_log_redacts_a_searched_id_number():
    import io

    logger = logging.getLogger("django.server")
    ours = [h for h in logger.handlers if not type(h).__module__.startswith("_pytest")]
    assert ours
    for handler in ours:
        # The configured handler's filters and format, writing to a stream of our own (the
        # handler's own stream is whatever stderr was when logging was configured).
        stream = io.StringIO()
        probe = logging.StreamHandler(stream)
        probe.filters = list(handler.filters)
        probe.setFormatter(handler.formatter)
        record = logger.makeRecord(
            logger.name, logging.INFO, __file__, 1, '"%s" %s %s',
            ("GET /members/?q=330621197001010011&phone=13912345678 HTTP/1.1", "200", "512"), None,
            extra={"request": None, "server_time": "01/Dec/2026 10:00:00", "status_code": 200})
        probe.handle(record)
        line = stream.getvalue()
        assert "/members/?q=" in line
        assert "330621197001010011" not in line and "13912345678" not in line
