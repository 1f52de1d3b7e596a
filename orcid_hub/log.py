"""Logging, configured once per entry point; a filter keeps secrets out of every line."""

from __future__ import annotations

import logging
import re

from orcid_hub.config import LoggingSettings

# Bearer tokens, OAuth form fields and Fernet tokens: whatever a library logs,
# these never reach a handler in clear.
_SECRET_PATTERNS = [
    re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._~+/=-]+"),
    re.compile(
        r"(?i)((?:access_token|refresh_token|client_secret|password|token|code)"
        r"[\"']?\s*[:=]\s*[\"']?)[^\s&\"',}]+"
    ),
    re.compile(r"gAAAAA[A-Za-z0-9_=-]{20,}"),
]


def redact(text: str) -> str:
    for pattern in _SECRET_PATTERNS:
        text = pattern.sub(lambda m: (m.group(1) if m.groups() else "") + "[redacted]", text)
    return text


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:
            # A traceback repeats the values of the failing call; format it here,
            # redacted, so the handler prints this text instead.
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


# Servers that log on their own (gunicorn's access log holds callback URLs with
# single-use codes) get the filter on their handlers too.
OTHER_LOGGERS = ("gunicorn.error", "gunicorn.access", "werkzeug")


def configure(settings: LoggingSettings) -> None:
    root = logging.getLogger()
    if getattr(root, "_orcid_hub_configured", False):
        root.setLevel(settings.level.upper())
        return
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter(settings.format))
    handler.addFilter(RedactingFilter())
    root.addHandler(handler)
    root.setLevel(settings.level.upper())
    redacting = RedactingFilter()
    for name in OTHER_LOGGERS:
        for other in logging.getLogger(name).handlers:
            other.addFilter(redacting)
    root._orcid_hub_configured = True  # type: ignore[attr-defined]
