"""Every model of the hub, imported in one place so that Alembic sees the whole schema."""

from orcid_hub.accounts.models import InstitutionRole, Membership, Person
from orcid_hub.audit.models import AuditEntry
from orcid_hub.consortium import event_models as _consortium_events  # noqa: F401
from orcid_hub.consortium import models as _consortium  # noqa: F401
from orcid_hub.db import Base
from orcid_hub.harvest import models as _harvest  # noqa: F401
from orcid_hub.institutions.models import Institution, OrcidCredentials
from orcid_hub.invitations.models import Invitation, InvitationBatch
from orcid_hub.linking.models import OrcidItem, OrcidToken

__all__ = [
    "AuditEntry",
    "Base",
    "Institution",
    "InstitutionRole",
    "Invitation",
    "InvitationBatch",
    "Membership",
    "OrcidCredentials",
    "OrcidItem",
    "OrcidToken",
    "Person",
]
