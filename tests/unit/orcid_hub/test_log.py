from __future__ import annotations

import logging

import pytest

from orcid_hub import log

TOKEN = "f5af9f51-07e6-4332-8f1a-c0c11c1e3728"


@pytest.mark.parametrize(
    "line",
    [
        f"Authorization: Bearer {TOKEN}",
        f"POST /oauth/token client_secret={TOKEN}&code=Ab12Cd",
        f'{{"access_token": "{TOKEN}", "token_type": "bearer"}}',
        f"refresh_token={TOKEN}",
        "stored gAAAAABnZ3x1c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0",
    ],
)
def test_secrets_never_reach_a_log_line(line: str, caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("orcid_hub.test")
    handler_filter = log.RedactingFilter()
    caplog.handler.addFilter(handler_filter)
    try:
        with caplog.at_level(logging.INFO):
            logger.info("call: %s", line)
    finally:
        caplog.handler.removeFilter(handler_filter)
    assert TOKEN not in caplog.text
    assert "gAAAAAB" not in caplog.text
    assert "[redacted]" in caplog.text


def test_ordinary_lines_are_left_alone() -> None:
    text = "POST /v3.0/0009-0000-0000-0033/work -> 201 in 4 ms"
    assert log.redact(text) == text


def test_a_traceback_is_redacted_too(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("orcid_hub.test")
    handler_filter = log.RedactingFilter()
    caplog.handler.addFilter(handler_filter)
    try:
        try:
            raise RuntimeError(f"token exchange failed: refresh_token={TOKEN}")
        except RuntimeError:
            logger.exception("call failed")
    finally:
        caplog.handler.removeFilter(handler_filter)
    assert "RuntimeError" in caplog.text
    assert TOKEN not in caplog.text
