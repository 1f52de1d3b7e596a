"""Creating, sending, resending, revoking and opening invitations. Services never commit."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from orcid_hub import tabular
from orcid_hub.institutions.models import Institution
from orcid_hub.invitations.models import Invitation, InvitationStatus
from orcid_hub.orcid import ids

TOKEN_BYTES = 32  # 256 bits: guessing a live link is hopeless
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
FUZZY_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
AFFILIATIONS = ("employment", "education")

COLUMNS_REQUIRED = ("email", "given_names", "family_name")
COLUMNS_OPTIONAL = (
    "local_person_id",
    "affiliation",
    "department",
    "role_title",
    "start_date",
    "orcid",
)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass
class InvitationData:
    """One invitation as typed in a form or read from a spreadsheet row."""

    email: str
    given_names: str
    family_name: str
    local_person_id: str = ""
    affiliation: str = ""
    department: str = ""
    role_title: str = ""
    start_date: str = ""
    orcid: str = ""
    errors: list[tabular.CellError] = field(default_factory=list)

    @classmethod
    def from_mapping(cls, values: Mapping[str, str]) -> InvitationData:
        """From a form, a spreadsheet row or a stored batch row; unknown keys are ignored."""
        return cls(
            email=values.get("email", ""),
            given_names=values.get("given_names", ""),
            family_name=values.get("family_name", ""),
            local_person_id=values.get("local_person_id", ""),
            affiliation=values.get("affiliation", ""),
            department=values.get("department", ""),
            role_title=values.get("role_title", ""),
            start_date=values.get("start_date", ""),
            orcid=values.get("orcid", ""),
        )


def validate(data: InvitationData, row: int = 0) -> InvitationData:
    """Check and normalise in place; problems are added to ``data.errors``."""

    def problem(column: str, message: str) -> None:
        data.errors.append(tabular.CellError(row, column, message))

    data.email = data.email.strip()
    if not EMAIL.match(data.email):
        problem("email", _("%(value)s is not an e-mail address", value=repr(data.email)))
    if not data.given_names.strip():
        problem("given_names", _("is empty"))
    if not data.family_name.strip():
        problem("family_name", _("is empty"))
    data.affiliation = data.affiliation.strip().lower()
    if data.affiliation and data.affiliation not in AFFILIATIONS:
        problem(
            "affiliation",
            _("%(value)s is neither employment nor education", value=repr(data.affiliation)),
        )
    if data.start_date and not _valid_fuzzy_date(data.start_date):
        problem(
            "start_date",
            _("%(value)s is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", value=repr(data.start_date)),
        )
    if data.orcid:
        try:
            data.orcid = ids.normalise(data.orcid)
        except ids.InvalidOrcidId as exc:
            problem("orcid", str(exc))
    return data


def _valid_fuzzy_date(text: str) -> bool:
    if not FUZZY_DATE.match(text):
        return False
    parts = [int(p) for p in text.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return 1900 <= parts[0] <= 2100


def read_batch(filename: str, content: bytes) -> list[InvitationData]:
    """Every row of an uploaded CSV/XLSX, validated; raise TableError if unreadable."""
    table = tabular.read_table(filename, content, COLUMNS_REQUIRED, COLUMNS_OPTIONAL)
    rows = [
        validate(
            InvitationData.from_mapping(values),
            row=number,
        )
        for number, values in table.rows
    ]
    seen: dict[str, int] = {}
    for number, data in zip((n for n, _values in table.rows), rows, strict=True):
        key = data.email.lower()
        if key in seen:
            data.errors.append(
                tabular.CellError(
                    number, "email", _("repeats the address of row %(row)s", row=seen[key])
                )
            )
        seen.setdefault(key, number)
    if not rows:
        raise tabular.TableError(f"{filename}: the file has a header but no rows")
    return rows


def create(
    session: Session,
    institution: Institution,
    data: InvitationData,
    *,
    created_by_id: int | None,
    ttl_days: int,
    role: str = "researcher",
) -> tuple[Invitation, str]:
    """A new invitation and the clear token for its e-mail (stored only hashed)."""
    if data.errors:
        raise ValueError("invalid invitation data: " + "; ".join(map(str, data.errors)))
    token = secrets.token_urlsafe(TOKEN_BYTES)
    invitation = Invitation(
        institution=institution,
        role=role,
        email=data.email,
        given_names=data.given_names.strip(),
        family_name=data.family_name.strip(),
        local_person_id=data.local_person_id or None,
        affiliation=data.affiliation or None,
        department=data.department or None,
        role_title=data.role_title or None,
        start_date=data.start_date or None,
        expected_orcid=data.orcid or None,
        token_hash=hash_token(token),
        created_by_id=created_by_id,
        expires_at=_expiry(ttl_days),
    )
    session.add(invitation)
    session.flush()
    return invitation, token


def _expiry(ttl_days: int) -> dt.datetime:
    return dt.datetime.now(dt.UTC) + dt.timedelta(days=ttl_days)


def renew(invitation: Invitation, ttl_days: int) -> str:
    """Resend: a new token (the old link stops working) and a new expiry."""
    if invitation.status() in (InvitationStatus.USED, InvitationStatus.REVOKED):
        raise ValueError("a used or revoked invitation cannot be resent")
    token = secrets.token_urlsafe(TOKEN_BYTES)
    invitation.token_hash = hash_token(token)
    invitation.expires_at = _expiry(ttl_days)
    invitation.conflict_at = None
    invitation.conflict_orcid = None
    return token


def revoke(invitation: Invitation) -> None:
    if invitation.used_at is None and invitation.revoked_at is None:
        invitation.revoked_at = dt.datetime.now(dt.UTC)


def mark_sent(invitation: Invitation) -> None:
    invitation.sent_at = dt.datetime.now(dt.UTC)
    invitation.send_count += 1


def by_token(session: Session, token: str) -> Invitation | None:
    return session.scalars(
        select(Invitation).where(Invitation.token_hash == hash_token(token))
    ).first()


def for_institution(session: Session, institution_id: int) -> list[Invitation]:
    return list(
        session.scalars(
            select(Invitation)
            .where(Invitation.institution_id == institution_id)
            .order_by(Invitation.created_at.desc(), Invitation.id.desc())
        )
    )
