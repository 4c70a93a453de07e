"""gunicorn's own loggers (access and error), with the same redaction as every Django handler.

`pingxing serve` also writes the access log without query strings (ACCESS_LOG_FORMAT uses the
path alone), so a search for an ID or phone number never reaches the log at all; the filter is
the second line of defence, for anything else a line may carry.
"""

from __future__ import annotations

from typing import Any

from gunicorn.glogging import Logger

from pingxing.core.logredact import RedactSensitiveFilter

# gunicorn's default format with %(U)s (the path) where it has "%(r)s" (the request line with
# its query string).
ACCESS_LOG_FORMAT = '%(h)s %(l)s %(u)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s "%(f)s" "%(a)s"'


class RedactingLogger(Logger):
    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                if not any(isinstance(f, RedactSensitiveFilter) for f in handler.filters):
                    handler.addFilter(RedactSensitiveFilter())
