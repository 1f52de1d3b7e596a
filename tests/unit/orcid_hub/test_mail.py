from __future__ import annotations

import email
import email.policy
import socket
from pathlib import Path

import pytest

from orcid_hub import create_app, mail
from orcid_hub.config import Settings
from tests.conftest import make_settings
from tests.smtp_server import smtp_server

MESSAGE = mail.Message(
    to="anna.ozolina@example.lv",
    subject="LU aicina jūs piesaistīt savu ORCID iD / LU invites you",
    text="Cien. Anna!\n\nhttp://127.0.0.1:5000/invite/abc\n",
)


def smtp_settings(settings: Settings, tmp_path: Path, port: int) -> Settings:
    return make_settings(
        settings.database_url,
        tmp_path,
        mail={
            "backend": "smtp",
            "smtp_host": "127.0.0.1",
            "smtp_port": port,
            "smtp_starttls": False,
        },
    )


def test_smtp_delivers_the_message(settings: Settings, tmp_path: Path) -> None:
    with smtp_server() as server:
        app = create_app(smtp_settings(settings, tmp_path, server.server_address[1]))
        mail.send(MESSAGE, app=app)
    [received] = server.messages
    assert received.recipients == ["anna.ozolina@example.lv"]
    parsed = email.message_from_bytes(received.data, policy=email.policy.default)
    assert parsed["Subject"] == MESSAGE.subject
    assert "invite/abc" in parsed.get_body().get_content()  # type: ignore[union-attr]


def test_an_unreachable_server_is_a_clear_error(settings: Settings, tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = create_app(smtp_settings(settings, tmp_path, port))
    with pytest.raises(mail.MailError, match=r"anna.ozolina@example.lv through 127.0.0.1"):
        mail.send(MESSAGE, app=app)


def test_outbox_keeps_the_message_as_a_file(settings: Settings, tmp_path: Path) -> None:
    app = create_app(make_settings(settings.database_url, tmp_path))
    mail.send(MESSAGE, app=app)
    [path] = mail.outbox(app)
    assert path.parent == tmp_path.resolve() / "outbox"
    assert (
        "Cien. Anna"
        in email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        .get_body()
        .get_content()
    )  # type: ignore[union-attr]
