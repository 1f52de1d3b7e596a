"""The invitation e-mail: Latvian first, then English, in one message."""

from __future__ import annotations

from flask import render_template, url_for
from flask_babel import force_locale

from orcid_hub import mail
from orcid_hub.config import Settings
from orcid_hub.invitations.models import Invitation


def link(settings: Settings, token: str) -> str:
    return settings.app.base_url.rstrip("/") + url_for("linking.invitation", token=token)


def compose(settings: Settings, invitation: Invitation, token: str) -> mail.Message:
    url = link(settings, token)
    parts = []
    subjects = []
    for lang in ("lv", "en"):
        with force_locale(lang):
            parts.append(
                render_template(
                    "invitations/email.txt", invitation=invitation, url=url, mail_lang=lang
                )
            )
            subjects.append(
                render_template(
                    "invitations/email_subject.txt", invitation=invitation, mail_lang=lang
                ).strip()
            )
    return mail.Message(
        to=invitation.email,
        subject=" / ".join(subjects),
        text="\n\n----------------------------------------\n\n".join(parts),
    )


def send(settings: Settings, invitation: Invitation, token: str) -> None:
    """Hand the message to the mail backend; raises mail.MailError when that fails."""
    mail.send(compose(settings, invitation, token))
