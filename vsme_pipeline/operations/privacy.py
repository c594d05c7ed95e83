"""Data-subject rights over the pipeline's collections: what it holds about a person, and erasure.

Personal data the pipeline holds (copied from Scope321; the web app's users themselves live in
``scope321.users``, which the pipeline only reads):

- ``company_directory``: a company's contact person (``profile.contactPerson``: name, title,
  e-mail, phone) and the company's members (``members[].userId``, the Scope321 user's id);
- ``report_snapshots``: the contact person as the snapshot copied it (``company.profile.contactPerson``).

A person is found by Clerk user id (``--user``: looked up read-only in ``scope321.users`` for the
user's ``_id`` and e-mail) or by e-mail (``--email``, matched as given and lower-cased).

Erasure removes those values (``None``) and the person's memberships. An immutable snapshot is
changed in one way only: the contact fields are emptied and a *redaction* is appended to its
``redactions`` list with the content hash after the change; the tamper check accepts a snapshot
whose content matches either its ``contentHash`` or its last redaction's ``contentHashAfter``, so
any other change is still detected. Each erasure writes one ``personal_data_erased`` audit event
that names the subject only by a sha256 digest. The source (Scope321) must erase the person too:
the pipeline never writes there.
"""

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bson import ObjectId
from pymongo.asynchronous.database import AsyncDatabase

from vsme_pipeline.pipeline.handles import ReadableDatabase, WritableDatabase
from vsme_pipeline.pipeline.snapshots import snapshot_hash

CONTACT_FIELDS = ("name", "title", "email", "phone")
DIRECTORY_CONTACT = "profile.contactPerson"
SNAPSHOT_CONTACT = "company.profile.contactPerson"


@dataclass(frozen=True)
class Subject:
    """One person: the e-mail addresses and Scope321 user ids that identify them."""

    emails: frozenset[str]
    user_ids: frozenset[ObjectId]
    clerk_id: str | None = None

    @property
    def empty(self) -> bool:
        return not self.emails and not self.user_ids

    def email_variants(self) -> list[str]:
        return sorted({variant for email in self.emails for variant in (email, email.lower())})

    def digest(self) -> str:
        """A pseudonymous name for the audit trail (no personal data in the log)."""
        material = "|".join(sorted(e.lower() for e in self.emails) + sorted(map(str, self.user_ids))
                            + [self.clerk_id or ""])
        return hashlib.sha256(material.encode()).hexdigest()


def email_digest(email: str) -> str:
    """The sha256 of a lower-cased e-mail: how an erased contact is remembered without keeping it."""
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


@dataclass(frozen=True)
class PersonalDatum:
    collection: str
    document_id: Any
    path: str
    value: Any


@dataclass
class ErasureResult:
    subject_digest: str
    changed: dict[str, int] = field(default_factory=dict)
    fields: int = 0


async def resolve_subject(scope321: ReadableDatabase, *, user: str | None = None, email: str | None = None) -> Subject:
    """The subject of a request; ``scope321`` may be a read-only handle."""
    emails: set[str] = {email.strip()} if email else set()
    user_ids: set[ObjectId] = set()
    queries: list[dict[str, Any]] = []
    if user:
        queries.append({"clerkId": user})
    if email:
        queries.append({"email": {"$in": sorted({email.strip(), email.strip().lower()})}})
    for query in queries:
        async for found in scope321["users"].find(query, projection={"_id": 1, "email": 1}):
            user_ids.add(found["_id"])
            if isinstance(found.get("email"), str):
                emails.add(found["email"])
    return Subject(frozenset(emails), frozenset(user_ids), user)


def _contact_data(collection: str, doc_id: Any, prefix: str, contact: Any) -> list[PersonalDatum]:
    if not isinstance(contact, dict):
        return []
    return [PersonalDatum(collection, doc_id, f"{prefix}.{key}", contact[key])
            for key in CONTACT_FIELDS if contact.get(key) is not None]


def _contact(document: dict[str, Any], path: str) -> Any:
    value: Any = document
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _matches(contact: Any, subject: Subject) -> bool:
    email = contact.get("email") if isinstance(contact, dict) else None
    return isinstance(email, str) and email.lower() in {e.lower() for e in subject.emails}


async def find_personal_data(vsme_guru: AsyncDatabase[Any], subject: Subject) -> list[PersonalDatum]:
    """Every personal datum about ``subject`` in the pipeline's collections."""
    if subject.empty:
        return []
    found: list[PersonalDatum] = []
    emails, user_ids = subject.email_variants(), sorted(subject.user_ids)
    directory_query = {"$or": [{f"{DIRECTORY_CONTACT}.email": {"$in": emails}}, {"members.userId": {"$in": user_ids}}]}
    async for entry in vsme_guru["company_directory"].find(directory_query, projection={"profile.contactPerson": 1, "members": 1}):
        contact = _contact(entry, DIRECTORY_CONTACT)
        if _matches(contact, subject):
            found.extend(_contact_data("company_directory", entry["_id"], DIRECTORY_CONTACT, contact))
        for index, member in enumerate(entry.get("members") or []):
            if isinstance(member, dict) and member.get("userId") in subject.user_ids:
                found.append(PersonalDatum("company_directory", entry["_id"], f"members.{index}.userId", member["userId"]))
    async for snapshot in vsme_guru["report_snapshots"].find({f"{SNAPSHOT_CONTACT}.email": {"$in": emails}},
                                                             projection={"company.profile.contactPerson": 1}):
        found.extend(_contact_data("report_snapshots", snapshot["_id"], SNAPSHOT_CONTACT, _contact(snapshot, SNAPSHOT_CONTACT)))
    return found


def _cleared(paths: Iterable[str]) -> dict[str, None]:
    return {path: None for path in paths}


async def erase_personal_data(vsme_guru: AsyncDatabase[Any], subject: Subject, *, now: datetime,
                              run_id: str | None = None) -> ErasureResult:
    """Erase ``subject`` from the pipeline's collections and record it (one audit event)."""
    result = ErasureResult(subject.digest())
    data = await find_personal_data(vsme_guru, subject)
    event_id = ObjectId()
    by_document: dict[tuple[str, Any], list[str]] = {}
    for datum in data:
        by_document.setdefault((datum.collection, datum.document_id), []).append(datum.path)
    for (collection, doc_id), paths in sorted(by_document.items(), key=lambda item: (item[0][0], str(item[0][1]))):
        contact_paths = [p for p in paths if not p.startswith("members.")]
        if collection == "company_directory":
            update: dict[str, Any] = {}
            if contact_paths:
                update["$set"] = _cleared(contact_paths)
            if len(contact_paths) != len(paths):
                update["$pull"] = {"members": {"userId": {"$in": sorted(subject.user_ids)}}}
            await vsme_guru[collection].update_one({"_id": doc_id}, update)
        else:
            snapshot = await vsme_guru[collection].find_one({"_id": doc_id})
            if snapshot is None:
                continue
            contact = _contact(snapshot, SNAPSHOT_CONTACT)
            for path in contact_paths:
                contact[path.rsplit(".", 1)[1]] = None
            redaction = {"at": now, "paths": sorted(contact_paths), "contentHashAfter": snapshot_hash(snapshot),
                         "auditEventId": event_id, "reason": "personal_data_erased"}
            await vsme_guru[collection].update_one(
                {"_id": doc_id}, {"$set": _cleared(contact_paths), "$push": {"redactions": redaction}})
        result.changed[collection] = result.changed.get(collection, 0) + 1
        result.fields += len(paths)
    await vsme_guru["audit_events"].insert_one({
        "_id": event_id, "kind": "personal_data_erased", "occurredAt": now, "companyId": None, "reportId": None,
        "reportingYear": None, "runId": run_id,
        "details": {"subject": result.subject_digest, "documents": dict(result.changed), "fields": result.fields,
                    "emailDigests": sorted(email_digest(e) for e in subject.emails)},
    })
    return result


async def erased_email_digests(vsme_guru: WritableDatabase) -> frozenset[str]:
    """The e-mail digests of every erasure recorded in the audit trail."""
    digests: set[str] = set()
    async for event in vsme_guru["audit_events"].find({"kind": "personal_data_erased"}, projection={"details.emailDigests": 1}):
        digests.update((event.get("details") or {}).get("emailDigests") or [])
    return frozenset(digests)


def without_erased_contact(profile: dict[str, Any], erased: frozenset[str]) -> dict[str, Any]:
    """``profile`` (a directory profile, camelCase) with its contact person emptied when the contact
    was erased: the sync calls this so that an erasure holds until Scope321 erases the person too."""
    contact = profile.get("contactPerson")
    if not isinstance(contact, dict):
        return profile
    email = contact.get("email")
    if not erased or not isinstance(email, str) or email_digest(email) not in erased:
        return profile
    return {**profile, "contactPerson": dict.fromkeys(contact, None)}
