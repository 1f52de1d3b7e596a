"""Outgoing e-mail: written to an outbox folder in development, sent by SMTP in production."""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
import ssl
import uuid
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from flask import Flask, current_app

from orcid_hub.config import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Message:
    to: str
    subject: str
    text: str
    html: str | None = None


class MailError(Exception):
    """The message could not be handed to the mail server; the text says why."""


def outbox_dir(settings: Settings) -> Path:
    return (
        Path(settings.mail.outbox_dir)
        if settings.mail.outbox_dir
        else settings.instance_dir / "outbox"
    )


def _build(settings: Settings, message: Message) -> EmailMessage:
    email = EmailMessage()
    email["From"] = settings.mail.from_address
    email["To"] = message.to
    email["Subject"] = message.subject
    email["Date"] = formatdate(localtime=False)
    email["Message-ID"] = make_msgid(domain="orcid-hub")
    email.set_content(message.text)
    if message.html:
        email.add_alternative(message.html, subtype="html")
    return email


def send(message: Message, app: Flask | None = None) -> None:
    settings: Settings = (app or current_app).config["SETTINGS"]
    email = _build(settings, message)
    if settings.mail.backend == "outbox":
        folder = outbox_dir(settings)
        folder.mkdir(parents=True, exist_ok=True)
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
        path = folder / f"{stamp}-{uuid.uuid4().hex[:8]}.eml"
        path.write_bytes(bytes(email))
        log.info("Mail to %s written to the outbox: %s", message.to, path.name)
        return
    if settings.mail.backend != "smtp":
        raise MailError(f"mail.backend {settings.mail.backend!r} is neither 'outbox' nor 'smtp'")
    try:
        with smtplib.SMTP(settings.mail.smtp_host, settings.mail.smtp_port, timeout=20) as smtp:
            if settings.mail.smtp_starttls:
                smtp.starttls(context=ssl.create_default_context())
            if settings.mail.smtp_username:
                smtp.login(settings.mail.smtp_username, settings.mail.smtp_password)
            smtp.send_message(email)
    except (OSError, smtplib.SMTPException) as exc:
        raise MailError(
            f"sending to {message.to} through {settings.mail.smtp_host} failed: {exc}"
        ) from exc
    log.info("Mail to %s sent through %s", message.to, settings.mail.smtp_host)


def outbox(app: Flask | None = None) -> list[Path]:
    """Messages in the development outbox, newest first."""
    folder = outbox_dir((app or current_app).config["SETTINGS"])
    if not folder.is_dir():
        return []
    return sorted(folder.glob("*.eml"), key=lambda p: p.stat().st_mtime, reverse=True)
