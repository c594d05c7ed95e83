"""Export lists and erase removes a person's data everywhere in the pipeline's collections, while
the snapshot tamper check stays green; any other change to a redacted snapshot is still found."""

from typing import Any

from vsme_pipeline.connections import Databases, read_only
from vsme_pipeline.operations.privacy import erase_personal_data, find_personal_data, resolve_subject
from vsme_pipeline.pipeline.clock import utcnow
from vsme_pipeline.pipeline.integrity import tampered_snapshots


async def _contact_email(db: Any) -> str:
    """The e-mail of a contact person copied into a snapshot and the directory."""
    snapshot = await db["report_snapshots"].find_one({"company.profile.contactPerson.email": {"$ne": None}})
    email = snapshot["company"]["profile"]["contactPerson"]["email"]
    assert await db["company_directory"].count_documents({"profile.contactPerson.email": email}) == 1
    return str(email)


async def test_export_then_erase_a_contact_person_everywhere(populated: Databases) -> None:
    db = populated.vsme_guru
    email = await _contact_email(db)
    subject = await resolve_subject(read_only(populated.scope321), email=email.upper())
    data = await find_personal_data(db, subject)
    collections = {d.collection for d in data}
    assert collections == {"company_directory", "report_snapshots"}
    assert {d.path.rsplit(".", 1)[1] for d in data} >= {"name", "email"}

    result = await erase_personal_data(db, subject, now=utcnow())

    assert result.fields == len(data)
    assert await find_personal_data(db, subject) == []
    for collection in ("company_directory", "report_snapshots"):
        async for doc in db[collection].find({}):
            text = repr(doc)
            assert email not in text and email.lower() not in text, f"{collection} {doc['_id']} still holds the e-mail"
    rows, _, scanned = await tampered_snapshots(db)
    assert scanned > 0 and rows == [], "a recorded redaction keeps the tamper check green"
    event = await db["audit_events"].find_one({"kind": "personal_data_erased"})
    assert event["details"]["subject"] == result.subject_digest and email not in repr(event)


async def test_a_redacted_snapshot_changed_otherwise_is_still_tampered(populated: Databases) -> None:
    db = populated.vsme_guru
    subject = await resolve_subject(read_only(populated.scope321), email=await _contact_email(db))
    await erase_personal_data(db, subject, now=utcnow())
    redacted = await db["report_snapshots"].find_one({"redactions.0": {"$exists": True}})
    await db["report_snapshots"].update_one({"_id": redacted["_id"]}, {"$set": {"reportingYear": 1999}})
    rows, _, _ = await tampered_snapshots(db)
    assert [r["snapshotId"] for r in rows] == [redacted["_id"]]


async def test_a_user_is_found_by_clerk_id_through_scope321(populated: Databases) -> None:
    user = await populated.scope321["users"].find_one({"clerkId": {"$ne": None}, "companyMemberships.0": {"$exists": True}})
    subject = await resolve_subject(read_only(populated.scope321), user=user["clerkId"])
    assert user["_id"] in subject.user_ids
    data = await find_personal_data(populated.vsme_guru, subject)
    assert any(d.path.startswith("members.") for d in data)
    await erase_personal_data(populated.vsme_guru, subject, now=utcnow())
    assert await populated.vsme_guru["company_directory"].count_documents({"members.userId": user["_id"]}) == 0


async def test_an_erased_contact_is_remembered_only_by_digest_and_stays_erased(populated: Databases) -> None:
    from vsme_pipeline.operations.privacy import erased_email_digests, without_erased_contact

    db = populated.vsme_guru
    email = await _contact_email(db)
    await erase_personal_data(db, await resolve_subject(read_only(populated.scope321), email=email), now=utcnow())
    erased = await erased_email_digests(db)
    assert len(erased) == 1 and email not in repr(erased)
    profile = {"name": "Co", "contactPerson": {"name": "Alex", "email": email.upper(), "phone": "1"}}
    assert without_erased_contact(profile, erased)["contactPerson"] == {"name": None, "email": None, "phone": None}
    other = {"name": "Co", "contactPerson": {"name": "Sam", "email": "sam@example.org"}}
    assert without_erased_contact(other, erased) == other


async def test_the_next_sync_keeps_an_erased_contact_erased(populated: Databases) -> None:
    from vsme_pipeline.pipeline.company_sync import sync_companies

    db = populated.vsme_guru
    email = await _contact_email(db)
    await erase_personal_data(db, await resolve_subject(read_only(populated.scope321), email=email), now=utcnow())
    others_before = await db["company_directory"].count_documents({"profile.contactPerson.email": {"$nin": [None, email]}})
    # Scope321 still holds the contact and changes the company otherwise: the sync rewrites the entry
    changed = await populated.scope321["companies"].update_one({"contactPerson.email": email},
                                                               {"$set": {"website": "https://changed.example"}})
    assert changed.modified_count == 1
    report = await sync_companies(read_only(populated.scope321), db, full=True)
    assert report.written >= 1
    assert await db["company_directory"].count_documents({"profile.contactPerson.email": email}) == 0
    assert await db["company_directory"].count_documents(
        {"profile.contactPerson.email": {"$nin": [None, email]}}) == others_before > 0
