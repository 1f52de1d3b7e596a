"""Record types of events and of what came of them (see :mod:`.registry`)."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from orcid_hub.consortium import choices as c
from orcid_hub.consortium.event_models import (
    Event,
    Material,
    Minutes,
    Outcome,
    Participant,
    PolicyProposal,
    Position,
    Training,
)
from orcid_hub.consortium.fields import Field
from orcid_hub.consortium.registry import RecordError, RecordType, in_year, register, through

EVENT = Field("event_id", _l("Event"), "ref", required=True, ref="events")
EVENT_YEAR = in_year(Event.starts_on)


def _event_label(event: Event, _lang: str) -> str:
    return f"{event.starts_on.isoformat()} {event.title}"


def _complete_event(session: Session, values: dict[str, Any], _record: Any) -> None:
    if values.get("ref"):
        return
    # A readable code that CSV files of participants, minutes, ... can refer to.
    base = f"{values['starts_on'].isoformat()}-{values['kind']}"
    ref, number = base, 1
    while session.scalar(select(Event.id).where(Event.ref == ref)) is not None:
        number += 1
        ref = f"{base}-{number}"
    values["ref"] = ref


def _check_participant(_session: Session, values: dict[str, Any], _record: Any) -> None:
    if not (values.get("contact_id") or values.get("name") or values.get("institution_id")):
        raise RecordError("name", _("Name a contact, a person or an institution."))


def _check_training(session: Session, values: dict[str, Any], record: Any) -> None:
    event = session.get(Event, values["event_id"])
    if event is None or event.kind != "training":
        raise RecordError("event_id", _("Choose an event of the type training."))
    other = session.scalar(select(Training.id).where(Training.event_id == event.id))
    if other is not None and (record is None or record.id != other):
        raise RecordError("event_id", _("This event already has its training details."))


register(
    RecordType(
        key="events",
        filters=("kind", "deliverables", "status"),
        model=Event,
        title=_l("Events"),
        singular=_l("Event"),
        fields=(
            Field("ref", _l("Code (filled in if left empty)"), max_length=60),
            Field(
                "kind", _l("Type"), "choice", required=True, choices=c.EVENT_TYPES, column="type"
            ),
            Field("title", _l("Title"), required=True, max_length=300),
            Field("starts_on", _l("Start date"), "date", required=True),
            Field("ends_on", _l("End date"), "date"),
            Field("place", _l("Place")),
            Field("online", _l("Online"), "bool"),
            Field("organiser", _l("Organiser")),
            Field(
                "deliverables", _l("Counts toward deliverables"), "multi", choices=c.DELIVERABLES
            ),
            Field("status", _l("Status"), "choice", required=True, choices=c.EVENT_STATUSES),
            Field("agenda", _l("Agenda"), "textarea"),
        ),
        list_columns=("starts_on", "kind", "title", "place", "deliverables"),
        label=_event_label,
        order_by=(Event.starts_on, Event.id),
        year=EVENT_YEAR,
        key_field="ref",
        before_save=_complete_event,
        children=(
            "participants",
            "minutes",
            "outcomes",
            "materials",
            "positions",
            "trainings",
            "proposals",
        ),
    ),
    RecordType(
        key="participants",
        filters=("role",),
        model=Participant,
        title=_l("Participants"),
        singular=_l("Participant"),
        fields=(
            EVENT,
            Field("contact_id", _l("Contact"), "ref", ref="contacts", column="contact"),
            Field("name", _l("Name (if not a contact)")),
            Field("institution_id", _l("Institution"), "ref", ref="institutions"),
            Field(
                "role",
                _l("Role at the event"),
                "choice",
                required=True,
                choices=c.PARTICIPANT_ROLES,
            ),
            Field("attended", _l("Attended"), "bool", default=True),
            Field("headcount", _l("Number of people"), "int", minimum=1, default=1),
        ),
        list_columns=(
            "event_id",
            "contact_id",
            "name",
            "institution_id",
            "role",
            "attended",
            "headcount",
        ),
        label=lambda o, lang: o.name or (o.contact.name if o.contact else "") or "—",
        order_by=(Participant.event_id, Participant.id),
        year=through(Participant.event_id, Event, EVENT_YEAR),
        parent="event_id",
        before_save=_check_participant,
    ),
    RecordType(
        key="minutes",
        model=Minutes,
        title=_l("Meeting minutes"),
        singular=_l("Minutes"),
        fields=(
            EVENT,
            Field("version", _l("Version"), "int", minimum=1, editable=False),
            Field("text", _l("Text"), "textarea", required=True),
            Field("author", _l("Author")),
            Field("approved_on", _l("Approved on"), "date"),
        ),
        list_columns=("event_id", "version", "author", "approved_on"),
        label=lambda o, lang: f"v{o.version}",
        order_by=(Minutes.event_id, Minutes.version),
        year=through(Minutes.event_id, Event, EVENT_YEAR),
        parent="event_id",
        versioned=True,
        unique=("event_id", "version"),
    ),
    RecordType(
        key="outcomes",
        filters=("kind", "status"),
        model=Outcome,
        title=_l("Outcomes"),
        singular=_l("Outcome"),
        fields=(
            EVENT,
            Field("kind", _l("Kind"), "choice", required=True, choices=c.OUTCOME_KINDS),
            Field("text", _l("Text"), "textarea", required=True),
            Field("owner", _l("Owner")),
            Field("due_on", _l("Due date"), "date"),
            Field("status", _l("Status"), "choice", required=True, choices=c.OUTCOME_STATUSES),
        ),
        list_columns=("event_id", "kind", "text", "owner", "due_on", "status"),
        label=lambda o, lang: str(o.text)[:60],
        order_by=(Outcome.event_id, Outcome.id),
        year=through(Outcome.event_id, Event, EVENT_YEAR),
        parent="event_id",
    ),
    RecordType(
        key="materials",
        filters=("direction",),
        model=Material,
        title=_l("Materials"),
        singular=_l("Material"),
        fields=(
            EVENT,
            Field("title", _l("Title"), required=True, max_length=300),
            Field(
                "direction",
                _l("Received or distributed"),
                "choice",
                required=True,
                choices=c.DIRECTIONS,
            ),
            Field("dated_on", _l("Date"), "date", column="date"),
            Field("recipients", _l("Recipients"), "textarea"),
            Field("url", _l("Address"), "url", max_length=500),
        ),
        list_columns=("event_id", "title", "direction", "dated_on", "recipients"),
        label=lambda o, lang: str(o.title),
        order_by=(Material.event_id, Material.id),
        year=through(Material.event_id, Event, EVENT_YEAR),
        parent="event_id",
    ),
    RecordType(
        key="positions",
        model=Position,
        title=_l("Positions presented"),
        singular=_l("Position presented"),
        fields=(
            EVENT,
            Field("topic", _l("Topic"), required=True, max_length=300),
            Field("summary", _l("Summary"), "textarea", required=True),
            Field("presented_by", _l("Presented by")),
            Field("agreed_with", _l("Agreed with")),
            Field("document_url", _l("Document"), "url", max_length=500),
        ),
        list_columns=("event_id", "topic", "presented_by", "agreed_with"),
        label=lambda o, lang: str(o.topic),
        order_by=(Position.event_id, Position.id),
        year=through(Position.event_id, Event, EVENT_YEAR),
        parent="event_id",
    ),
    RecordType(
        key="trainings",
        model=Training,
        title=_l("Trainings"),
        singular=_l("Training"),
        fields=(
            EVENT,
            Field("topic", _l("Topic"), required=True, max_length=300),
            Field("audience", _l("Audience"), required=True, max_length=300),
            Field("materials", _l("Materials"), "textarea"),
            Field("feedback_score", _l("Feedback score (1–5)"), "float", minimum=1, maximum=5),
        ),
        list_columns=("event_id", "topic", "audience", "feedback_score"),
        label=lambda o, lang: str(o.topic),
        order_by=(Training.event_id,),
        year=through(Training.event_id, Event, EVENT_YEAR),
        parent="event_id",
        before_save=_check_training,
    ),
    RecordType(
        key="proposals",
        filters=("status",),
        model=PolicyProposal,
        title=_l("Policy proposals"),
        singular=_l("Policy proposal"),
        fields=(
            Field("event_id", _l("Event"), "ref", ref="events"),
            Field("title", _l("Title"), required=True, max_length=300),
            Field("made_on", _l("Date"), "date", required=True, column="date"),
            Field("addressee", _l("Addressee"), required=True),
            Field("summary", _l("Summary"), "textarea", required=True),
            Field("status", _l("Status"), "choice", required=True, choices=c.PROPOSAL_STATUSES),
        ),
        list_columns=("made_on", "title", "addressee", "status"),
        label=lambda o, lang: str(o.title),
        order_by=(PolicyProposal.made_on, PolicyProposal.id),
        year=in_year(PolicyProposal.made_on),
        parent="event_id",
    ),
)
