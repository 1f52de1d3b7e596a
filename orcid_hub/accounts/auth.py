"""Who is signed in, and what they may see.

Sign-in itself is ORCID OAuth (``/authenticate``); this module keeps the result in
the session cookie and answers 403 for pages a role may not see. Institution data
is always scoped to an institution the person administers; only the consortium
lead sees across institutions.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

from flask import abort, g, redirect, request, session, url_for
from sqlalchemy import select

from orcid_hub import db
from orcid_hub.accounts.models import InstitutionRole, Membership, Person
from orcid_hub.audit.services import SYSTEM, Actor, set_actor
from orcid_hub.institutions.models import Institution

ANONYMOUS = Actor("anonymous")
P = ParamSpec("P")
R = TypeVar("R")


def login(person: Person) -> None:
    """Start a fresh session for ``person`` (a new cookie: no fixation across sign-in)."""
    lang = session.get("lang")
    session.clear()
    session["person_id"] = person.id
    if lang:
        session["lang"] = lang
    session.permanent = True
    g.person = person


def logout() -> None:
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang
    g.person = None


def load_person() -> None:
    """Before each request: the signed-in person (or None), also as the audit actor."""
    person_id = session.get("person_id")
    person = db.session().get(Person, person_id) if person_id else None
    g.person = person
    # Always set: a worker thread must never carry the previous request's actor.
    set_actor(Actor(person.name, person.id) if person is not None else ANONYMOUS)


def forget_actor(_exc: BaseException | None) -> None:
    set_actor(SYSTEM)


def current_person() -> Person | None:
    person: Person | None = g.get("person")
    return person


def admin_institutions(person: Person) -> list[Institution]:
    """The institutions ``person`` administers (every one, for the consortium lead)."""
    query = select(Institution).order_by(Institution.name_lv)
    if not person.is_consortium_lead:
        query = query.join(Membership).where(
            Membership.person_id == person.id, Membership.role == InstitutionRole.ADMIN
        )
    return list(db.session().scalars(query))


def can_admin(person: Person | None, institution_id: int) -> bool:
    if person is None:
        return False
    if person.is_consortium_lead:
        return True
    return any(
        m.institution_id == institution_id and m.role == InstitutionRole.ADMIN
        for m in person.memberships
    )


def login_required(view: Callable[P, R]) -> Callable[P, R | Any]:
    @functools.wraps(view)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R | Any:
        if current_person() is None:
            return redirect(url_for("auth.signin", next=request.full_path))
        return view(*args, **kwargs)

    return wrapper


def lead_required(view: Callable[P, R]) -> Callable[P, R | Any]:
    """Consortium lead only; anyone else signed in gets 403."""

    @functools.wraps(view)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R | Any:
        person = current_person()
        if person is None:
            return redirect(url_for("auth.signin", next=request.full_path))
        if not person.is_consortium_lead:
            abort(403)
        return view(*args, **kwargs)

    return wrapper


def institution_from_slug(slug: str) -> Institution:
    """The institution named in the URL, if the signed-in person administers it; else 403/404."""
    person = current_person()
    institution = db.session().scalars(select(Institution).where(Institution.slug == slug)).first()
    # Only the lead learns whether an institution exists; others get 403 either way.
    if institution is None:
        abort(404 if person is not None and person.is_consortium_lead else 403)
    if not can_admin(person, institution.id):
        abort(403)
    return institution
