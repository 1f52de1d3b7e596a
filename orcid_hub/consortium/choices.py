"""Controlled vocabularies of the consortium records: stored codes and shown labels.

Codes are what the database and CSV files hold (stable, English); labels are
translated when shown.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

Choices = tuple[tuple[str, object], ...]

INSTITUTION_TYPES: Choices = (
    ("university", _l("University")),
    ("institute", _l("Scientific institute")),
    ("company", _l("Company")),
    ("association", _l("Association or foundation")),
    ("state_body", _l("State body")),
)
TIERS: Choices = (("small", _l("Small")), ("large", _l("Large")))
MEMBERSHIP_STATUSES: Choices = (
    ("prospective", _l("Prospective")),
    ("active", _l("Active")),
    ("suspended", _l("Suspended")),
    ("left", _l("Left")),
)
ORCID_ROLES: Choices = (
    ("signatory", _l("Agreement signatory")),
    ("main", _l("Main relationship contact")),
    ("voting", _l("Voting contact")),
    ("technical", _l("Technical contact")),
    ("invoice", _l("Invoice contact")),
    ("comms", _l("Communications contact")),
    ("product", _l("Product contact")),
    ("other", _l("Other contact")),
)
LOCAL_ROLES: Choices = (
    ("it_unit", _l("IT unit contact")),
    ("lzp", _l("Latvian Council of Science representative")),
    ("eosc", _l("EOSC delegate")),
    ("geant", _l("GÉANT representative")),
)
WG_ROLES: Choices = (
    ("chair", _l("Chair")),
    ("secretary", _l("Secretary")),
    ("member", _l("Member")),
)
EVENT_TYPES: Choices = (
    ("consultation", _l("Consultation")),
    ("working_group", _l("Working-group meeting")),
    ("it_units", _l("Meeting with IT units")),
    ("lzp", _l("Meeting with the Latvian Council of Science")),
    ("training", _l("Training")),
    ("eosc", _l("EOSC Association event")),
    ("geant", _l("GÉANT event")),
    ("international", _l("Other international event")),
)
EVENT_STATUSES: Choices = (
    ("planned", _l("Planned")),
    ("held", _l("Held")),
    ("cancelled", _l("Cancelled")),
)
# The deliverables of annex 1 of the 2024–2026 contract an event can count toward.
DELIVERABLES: Choices = tuple(
    (code, code)
    for code in (
        "1.1.1",
        "1.2.1",
        "1.2.2",
        "1.2.3",
        "1.3",
        "2.1",
        "2.2",
        "3.1.1",
        "3.1.2",
        "3.2.1",
        "3.2.2",
        "3.2.3",
    )
)
PARTICIPANT_ROLES: Choices = (
    ("organiser", _l("Organiser")),
    ("speaker", _l("Speaker")),
    ("attendee", _l("Attendee")),
    ("representative", _l("Latvian representative")),
)
OUTCOME_KINDS: Choices = (
    ("conclusion", _l("Conclusion")),
    ("recommendation", _l("Recommendation")),
    ("decision", _l("Decision")),
    ("action", _l("Action")),
)
OUTCOME_STATUSES: Choices = (
    ("open", _l("Open")),
    ("in_progress", _l("In progress")),
    ("done", _l("Done")),
    ("dropped", _l("Dropped")),
)
DIRECTIONS: Choices = (("received", _l("Received")), ("distributed", _l("Distributed")))
PROPOSAL_STATUSES: Choices = (
    ("draft", _l("Draft")),
    ("submitted", _l("Submitted")),
    ("accepted", _l("Accepted")),
    ("rejected", _l("Rejected")),
)
SYSTEM_KINDS: Choices = (
    ("cris", _l("CRIS")),
    ("repository", _l("Repository")),
    ("hr", _l("HR system")),
    ("identity", _l("Identity management")),
    ("journal", _l("Journal system")),
    ("other", _l("Other")),
)
WORKFLOWS: Choices = (
    ("collect_id", _l("Collect iD")),
    ("write_affiliations", _l("Write affiliations")),
    ("write_works", _l("Write works")),
    ("read", _l("Read")),
)
INTEGRATION_STATUSES: Choices = (
    ("planned", _l("Planned")),
    ("sandbox", _l("Sandbox")),
    ("production", _l("Production")),
    ("retired", _l("Retired")),
)
NETWORKS: Choices = (
    ("eosc", _l("EOSC Association")),
    ("geant", _l("GÉANT")),
    ("orcid", _l("ORCID")),
    ("other", _l("Other")),
)
NETWORK_STATUSES: Choices = (
    ("member", _l("Member")),
    ("mandated", _l("Mandated organisation")),
    ("observer", _l("Observer")),
    ("delegate", _l("Delegate")),
)
RECIPIENT_GROUPS: Choices = (
    ("universities", _l("Universities")),
    ("institutes", _l("Scientific institutes")),
    ("colleges", _l("Colleges")),
    ("state", _l("State bodies")),
    ("researchers", _l("Researchers")),
)
PLAN_STATUSES: Choices = (
    ("planned", _l("Planned")),
    ("in_progress", _l("In progress")),
    ("done", _l("Done")),
    ("postponed", _l("Postponed")),
    ("dropped", _l("Dropped")),
)
SERVICE_CATEGORIES: Choices = (
    ("repository", _l("Repository")),
    ("cris", _l("CRIS")),
    ("data_catalogue", _l("Data catalogue")),
    ("identity", _l("Identity federation")),
    ("pid", _l("PID use")),
    ("skills", _l("Skills platform")),
)
RELEVANCE: Choices = (
    ("none", _l("None")),
    ("low", _l("Low")),
    ("medium", _l("Medium")),
    ("high", _l("High")),
)
COMPLIANCE: Choices = (
    ("orcid", "ORCID"),
    ("ror", "ROR"),
    ("doi", "DOI"),
    ("fair", "FAIR"),
    ("openaire", _l("OpenAIRE guidelines")),
)
PRIORITIES: Choices = (("high", _l("High")), ("medium", _l("Medium")), ("low", _l("Low")))
NEED_SOURCES: Choices = (
    ("survey", _l("Survey")),
    ("meeting", _l("Meeting")),
    ("consultation", _l("Consultation")),
    ("other", _l("Other")),
)
