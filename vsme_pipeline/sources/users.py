"""Reader of the web app's users in the first Prisma shape -> `UserData` with provenance (pure).

The Prisma ``User`` (``/docs/sources.md``, section 2) is ``{_id, clerkId, email, name,
organizationId, createdAt, updatedAt}``: ``clerkId`` is Clerk's user id, ``organizationId`` the
Clerk organisation (the tenant key), ``createdAt``/``updatedAt`` BSON dates. The project's own
users (``documents.user.User``) add ``companyMemberships``; a Prisma user has none (the tenant
is the organisation, not a membership list), so the reading has an empty list and keeps the
organisation as its tenant key.

Nothing is dropped: a value that does not fit (a ``clerkId`` that is no text, a date stored as
text, an unknown field) is kept as stored under ``unmapped`` (``{source field: value}``) and
reported as a `Finding` naming the record and field; findings show e-mail addresses and names
only by type and length (:meth:`Finding.shown_value`), never their text.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from documents.user import UserData
from vsme_pipeline.sources.provenance import Finding, SourceShape

__all__ = ["PRISMA_USER_FIELDS", "UserReading", "read_prisma_user"]

# model field -> (Prisma field, expected Python type of the decoded BSON value)
PRISMA_USER_FIELDS: dict[str, tuple[str, type]] = {
    "clerk_id": ("clerkId", str),
    "email": ("email", str),
    "name": ("name", str),
    "organization_id": ("organizationId", str),
    "created_at": ("createdAt", datetime),
    "updated_at": ("updatedAt", datetime),
}
_KNOWN = {"_id", *(source for source, _ in PRISMA_USER_FIELDS.values())}


@dataclass
class UserReading:
    """One stored user as read: the model, its tenant, which source field fed each model field,
    and what could not be mapped (kept as stored)."""

    user_id: Any
    shape: SourceShape
    user: UserData
    organization_id: str | None
    sources: dict[str, str] = field(default_factory=dict)
    unmapped: dict[str, Any] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)


def read_prisma_user(doc: Mapping[str, Any], collection: str = "users") -> UserReading:
    """Map one stored Prisma user to `UserData`; never raises on content."""
    record = f"{collection} {doc.get('_id')}"
    shape = SourceShape.PRISMA_USER
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    unmapped: dict[str, Any] = {}
    findings: list[Finding] = []
    for target, (source, expected) in PRISMA_USER_FIELDS.items():
        if source not in doc or doc[source] is None:
            continue
        value = doc[source]
        if isinstance(value, expected) and not isinstance(value, bool):
            values[target], sources[target] = value, source
        else:
            unmapped[source] = value
            findings.append(Finding(shape, record, source, value,
                                    f"{expected.__name__} belongs here, stored as {type(value).__name__}: kept, not converted"))
    for key, value in doc.items():
        if key not in _KNOWN:
            unmapped[key] = value
            findings.append(Finding(shape, record, key, value, "field not known to the Prisma user reader"))
    user = UserData.model_validate(values)  # every value is of its field's type: cannot fail
    return UserReading(doc.get("_id"), shape, user, user.organization_id, sources, unmapped, findings)
