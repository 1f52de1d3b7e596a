"""Record types about institutions, people, systems and plans (see :mod:`.registry`)."""

from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from orcid_hub.consortium import choices as c
from orcid_hub.consortium.fields import Field
from orcid_hub.consortium.models import (
    ConsortiumMembership,
    Contact,
    DigitalService,
    Integration,
    Need,
    NetworkMembership,
    PlanItem,
    Service,
    ServiceFunding,
    WorkingGroupMember,
)
from orcid_hub.consortium.registry import RecordType, during, equals_year, register
from orcid_hub.institutions.models import Institution

INSTITUTION = Field("institution_id", _l("Institution"), "ref", required=True, ref="institutions")
NOTES = Field("notes", _l("Notes"), "textarea")
SINCE = Field("since", _l("Since"), "date", required=True)
UNTIL = Field("until", _l("Until"), "date")


def _member_in(year: int) -> object:
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    members = select(ConsortiumMembership.institution_id).where(
        ConsortiumMembership.since <= last,
        (ConsortiumMembership.until.is_(None)) | (ConsortiumMembership.until >= first),
    )
    return Institution.id.in_(members)


register(
    RecordType(
        key="institutions",
        filters=("kind",),
        model=Institution,
        title=_l("Institutions"),
        singular=_l("Institution"),
        fields=(
            Field(
                "slug",
                _l("Short name (in addresses)"),
                required=True,
                max_length=40,
                pattern=r"[a-z0-9][a-z0-9-]*",
                hint=_l("Only lowercase Latin letters, digits and hyphens, e.g. lu or rtu."),
            ),
            Field("name_lv", _l("Name in Latvian"), required=True),
            Field("name_en", _l("Name in English"), required=True),
            Field(
                "ror_id",
                _l("ROR ID"),
                column="ror",
                max_length=40,
                pattern=r"0[a-z0-9]{6}\d{2}",
                hint=_l("A ROR ID has nine characters, e.g. 05g3mes96 (without https://ror.org/)."),
            ),
            Field("register_no", _l("Register of scientific institutions no."), max_length=40),
            Field("kind", _l("Type"), "choice", choices=c.INSTITUTION_TYPES, column="type"),
            Field("website", _l("Website"), "url", max_length=500),
            Field("parent_id", _l("Parent institution"), "ref", ref="institutions"),
            Field("active", _l("Active"), "bool", default=True),
        ),
        list_columns=("name_lv", "kind", "register_no", "active"),
        label=lambda o, lang: o.name_en if lang == "en" else o.name_lv,
        order_by=(Institution.name_lv,),
        year=_member_in,  # type: ignore[arg-type]
        key_field="slug",
        children=("memberships", "contacts", "integrations", "digital-services", "needs"),
    ),
    RecordType(
        key="memberships",
        filters=("tier", "status"),
        model=ConsortiumMembership,
        title=_l("Consortium memberships"),
        singular=_l("Consortium membership"),
        fields=(
            INSTITUTION,
            SINCE,
            UNTIL,
            Field("tier", _l("Tier"), "choice", required=True, choices=c.TIERS),
            Field("status", _l("Status"), "choice", required=True, choices=c.MEMBERSHIP_STATUSES),
            Field("portal_id", _l("ORCID member portal id"), max_length=100),
            Field("integration_plans", _l("Integration plans"), "textarea"),
            NOTES,
        ),
        list_columns=("institution_id", "since", "until", "tier", "status"),
        label=lambda o, lang: f"{o.institution.name_lv} {o.since.isoformat()}",
        order_by=(ConsortiumMembership.since,),
        year=during(ConsortiumMembership.since, ConsortiumMembership.until),
        parent="institution_id",
    ),
    RecordType(
        key="contacts",
        filters=("orcid_roles", "local_roles"),
        model=Contact,
        title=_l("Contacts and roles"),
        singular=_l("Contact"),
        fields=(
            INSTITUTION,
            Field("name", _l("Full name"), required=True),
            Field("email", _l("E-mail"), "email", required=True, max_length=320),
            Field("phone", _l("Phone"), max_length=40),
            Field("position", _l("Position")),
            Field("orcid", _l("ORCID iD"), "orcid"),
            Field("orcid_roles", _l("ORCID roles"), "multi", choices=c.ORCID_ROLES),
            Field("local_roles", _l("Local roles"), "multi", choices=c.LOCAL_ROLES),
        ),
        list_columns=("name", "institution_id", "email", "orcid_roles", "local_roles"),
        label=lambda o, lang: str(o.name),
        order_by=(Contact.name,),
        # Contacts have no period of their own: a year lists those on record by its end.
        year=lambda year: Contact.created_at < dt.datetime(year + 1, 1, 1, tzinfo=dt.UTC),
        key_field="email",
        scoped=True,
        parent="institution_id",
    ),
    RecordType(
        key="working-group",
        filters=("role",),
        model=WorkingGroupMember,
        title=_l("ORCID working group"),
        singular=_l("Working-group member"),
        fields=(
            Field(
                "contact_id", _l("Person"), "ref", required=True, ref="contacts", column="contact"
            ),
            INSTITUTION,
            Field("role", _l("Role in the group"), "choice", required=True, choices=c.WG_ROLES),
            SINCE,
            UNTIL,
            Field("appointment", _l("Appointment document")),
        ),
        list_columns=("contact_id", "institution_id", "role", "since", "until"),
        label=lambda o, lang: str(o.contact.name),
        order_by=(WorkingGroupMember.since,),
        year=during(WorkingGroupMember.since, WorkingGroupMember.until),
    ),
    RecordType(
        key="integrations",
        filters=("system_kind", "status", "workflows"),
        model=Integration,
        title=_l("Integrations"),
        singular=_l("Integration"),
        fields=(
            INSTITUTION,
            Field("system_kind", _l("System"), "choice", required=True, choices=c.SYSTEM_KINDS),
            Field("product", _l("Product"), required=True),
            Field("vendor", _l("Vendor")),
            Field("client_id", _l("ORCID client id"), max_length=40),
            Field("workflows", _l("Workflows"), "multi", choices=c.WORKFLOWS),
            Field("status", _l("Status"), "choice", required=True, choices=c.INTEGRATION_STATUSES),
            Field("go_live", _l("Go-live date"), "date"),
            Field("connector_id", _l("Hub connector id"), "int", minimum=1),
            NOTES,
        ),
        list_columns=("institution_id", "system_kind", "product", "status", "go_live"),
        label=lambda o, lang: f"{o.product} ({o.institution.slug})",
        order_by=(Integration.product,),
        year=lambda year: (
            (Integration.go_live.is_(None)) | (Integration.go_live <= dt.date(year, 12, 31))
        ),
        scoped=True,
        parent="institution_id",
    ),
    RecordType(
        key="networks",
        filters=("network", "status"),
        model=NetworkMembership,
        title=_l("Network memberships"),
        singular=_l("Network membership"),
        fields=(
            Field("network", _l("Network"), "choice", required=True, choices=c.NETWORKS),
            Field("name", _l("Organisation"), required=True),
            Field("status", _l("Status"), "choice", required=True, choices=c.NETWORK_STATUSES),
            Field("representative", _l("Representative")),
            SINCE,
            UNTIL,
            NOTES,
        ),
        list_columns=("network", "name", "status", "representative", "since"),
        label=lambda o, lang: str(o.name),
        order_by=(NetworkMembership.network, NetworkMembership.since),
        year=during(NetworkMembership.since, NetworkMembership.until),
    ),
    RecordType(
        key="services",
        filters=("recipient_groups",),
        model=Service,
        title=_l("Service basket"),
        singular=_l("Service"),
        fields=(
            Field("name", _l("Service"), required=True),
            Field("description", _l("Description"), "textarea"),
            Field("recipient_groups", _l("Recipient groups"), "multi", choices=c.RECIPIENT_GROUPS),
        ),
        list_columns=("name", "recipient_groups"),
        label=lambda o, lang: str(o.name),
        order_by=(Service.name,),
        year=lambda year: Service.fundings.any(ServiceFunding.year == year),
        key_field="name",
        children=("service-funding",),
    ),
    RecordType(
        key="service-funding",
        model=ServiceFunding,
        title=_l("Service funding"),
        singular=_l("Funding"),
        fields=(
            Field("service_id", _l("Service"), "ref", required=True, ref="services"),
            Field("year", _l("Year"), "int", required=True, minimum=2000, maximum=2100),
            Field("amount_eur", _l("Funding required, EUR"), "int", required=True, minimum=0),
            Field("source", _l("Source of funding"), required=True),
        ),
        list_columns=("service_id", "year", "amount_eur", "source"),
        label=lambda o, lang: f"{o.service.name} {o.year}",
        order_by=(ServiceFunding.year,),
        year=equals_year(ServiceFunding.year),
        parent="service_id",
        unique=("service_id", "year", "source"),
    ),
    RecordType(
        key="plan",
        filters=("status",),
        model=PlanItem,
        title=_l("Development plan"),
        singular=_l("Plan item"),
        fields=(
            Field(
                "revision", _l("Revision (year)"), "int", required=True, minimum=2000, maximum=2100
            ),
            Field("objective", _l("Objective"), required=True, max_length=300),
            Field("activity", _l("Activity"), required=True, max_length=300),
            Field("years", _l("Years"), required=True, max_length=40),
            Field("responsible", _l("Responsible")),
            Field("milestone", _l("Milestone"), max_length=300),
            Field("status", _l("Status"), "choice", required=True, choices=c.PLAN_STATUSES),
            NOTES,
        ),
        list_columns=("revision", "objective", "activity", "years", "status"),
        label=lambda o, lang: str(o.activity),
        order_by=(PlanItem.revision, PlanItem.objective, PlanItem.id),
        year=equals_year(PlanItem.revision),
    ),
    RecordType(
        key="digital-services",
        filters=("category", "eosc_relevance", "ds4skills_relevance", "compliance"),
        model=DigitalService,
        title=_l("Ecosystem: digital services"),
        singular=_l("Digital service"),
        fields=(
            Field("year", _l("Mapping year"), "int", required=True, minimum=2000, maximum=2100),
            INSTITUTION,
            Field("name", _l("Service"), required=True),
            Field(
                "category", _l("Category"), "choice", required=True, choices=c.SERVICE_CATEGORIES
            ),
            Field("url", _l("Address"), "url", max_length=500),
            Field(
                "eosc_relevance", _l("EOSC relevance"), "choice", required=True, choices=c.RELEVANCE
            ),
            Field(
                "ds4skills_relevance",
                _l("DS4Skills relevance"),
                "choice",
                required=True,
                choices=c.RELEVANCE,
            ),
            Field("compliance", _l("Complies with"), "multi", choices=c.COMPLIANCE),
            NOTES,
        ),
        list_columns=("year", "institution_id", "name", "category", "compliance"),
        label=lambda o, lang: str(o.name),
        order_by=(DigitalService.year, DigitalService.name),
        year=equals_year(DigitalService.year),
        parent="institution_id",
    ),
    RecordType(
        key="needs",
        filters=("priority", "source"),
        model=Need,
        title=_l("Ecosystem: needs"),
        singular=_l("Need"),
        fields=(
            Field("year", _l("Mapping year"), "int", required=True, minimum=2000, maximum=2100),
            INSTITUTION,
            Field("description", _l("Description"), "textarea", required=True),
            Field("priority", _l("Priority"), "choice", required=True, choices=c.PRIORITIES),
            Field("source", _l("Source"), "choice", required=True, choices=c.NEED_SOURCES),
        ),
        list_columns=("year", "institution_id", "description", "priority", "source"),
        label=lambda o, lang: str(o.description)[:60],
        order_by=(Need.year, Need.id),
        year=equals_year(Need.year),
        parent="institution_id",
    ),
)
