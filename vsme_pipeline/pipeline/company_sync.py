"""Stage 1: company sync from Scope321 (read-only) into ``vsme_guru.company_directory``.

- Incremental (default): companies after the companies cursor and companies whose members changed
  (users after the users cursor) are read (cursor: ``(updatedAt, _id)`` of the last document read,
  see :mod:`vsme_pipeline.pipeline.sync_cursor`); an entry is written only when its profile hash,
  members or deletion state changed.
- Full reconciliation (``full=True``, and always on the first sync): every company is read; directory
  entries whose company no longer exists are marked ``deleted`` and the validation results of their
  reports get ``orphanedAt`` (the reports themselves are never touched: the seeds' cascade rule
  orphans reports of a deleted company instead of deleting them). The set of seen company ids is
  the only thing held for the whole run (12 bytes per company).
"""

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from bson import ObjectId
from pymongo import UpdateOne

from documents.pipeline import CompanyDirectoryEntry
from vsme_pipeline.operations.privacy import erased_email_digests, without_erased_contact
from vsme_pipeline.pipeline.audit import audit_event, write_events
from vsme_pipeline.pipeline.batching import DEFAULT_BATCH_SIZE, batches, bulk_upsert
from vsme_pipeline.pipeline.bson_values import to_bson
from vsme_pipeline.pipeline.clock import utcnow
from vsme_pipeline.pipeline.fingerprints import company_content_hash, members_hash
from vsme_pipeline.pipeline.handles import ReadableDatabase, WritableDatabase
from vsme_pipeline.pipeline.outputs import collection_name, output_values
from vsme_pipeline.pipeline.record_guards import hostile_values, object_id_problem, record_id, shown
from vsme_pipeline.pipeline.stage import StageFailed, StageReport
from vsme_pipeline.pipeline.sync_cursor import ORDER, ORDER_NEWEST, Position
from vsme_pipeline.sources.sync_counts import note_reading, read_company

SYNC_STATE_ID = "company_sync"
DIRECTORY = collection_name(CompanyDirectoryEntry)


async def _members_by_company(source: ReadableDatabase, company_ids: Iterable[ObjectId]) -> dict[ObjectId, list[dict[str, Any]]]:
    """``{companyId: [{userId, role}]}`` from Scope321 users' memberships."""
    ids = list(company_ids)
    members: dict[ObjectId, list[dict[str, Any]]] = {cid: [] for cid in ids}
    if not ids:
        return members
    cursor = source["users"].find(
        {"companyMemberships.companyId": {"$in": ids}}, projection={"companyMemberships": 1}
    )
    async for user in cursor:
        memberships = user.get("companyMemberships")
        for membership in memberships if isinstance(memberships, list) else []:
            if not isinstance(membership, dict):
                continue
            company_id = membership.get("companyId")
            if company_id in members:
                members[company_id].append({"userId": user["_id"], "role": membership.get("role")})
    for entries in members.values():
        entries.sort(key=lambda m: (str(m["userId"]), str(m.get("role"))))
    return members


async def _sync_company_batch(
    source: ReadableDatabase, target: WritableDatabase, documents: list[dict[str, Any]], now: datetime, report: StageReport, position: Position,
    erased: frozenset[str] = frozenset(),
) -> tuple[list[ObjectId], Position]:
    """Upsert one batch of Scope321 companies; return the ids seen and the advanced position."""
    ids = [doc["_id"] for doc in documents if isinstance(doc.get("_id"), ObjectId)]
    members = await _members_by_company(source, ids)
    existing = {
        entry["companyId"]: entry
        async for entry in target[DIRECTORY].find(
            {"companyId": {"$in": ids}}, projection={"companyId": 1, "contentHash": 1, "membersHash": 1, "deleted": 1}
        )
    }
    operations: list[UpdateOne] = []
    restored: list[ObjectId] = []
    for doc in documents:
        report.processed += 1
        if isinstance(doc.get("_id"), ObjectId):
            position = position.advance(doc)
        try:
            operation = _directory_write(doc, members, existing, now, report, restored, erased)
        except Exception as exc:  # one company never stops the sync
            report.fail(f"scope321.companies {record_id(doc.get('_id'))}: sync raised {type(exc).__name__}: "
                        f"{str(exc)[:200]}")
            continue
        if operation is not None:
            operations.append(operation)
    report.written += await bulk_upsert(target[DIRECTORY], operations)
    if restored:
        report.bump("restored", len(restored))
        await target["validation_results"].update_many(
            {"companyId": {"$in": restored}}, {"$set": {"orphanedAt": None}}
        )
        await _audit(target, "company_restored", restored, now)
    return ids, position


def _directory_write(doc: dict[str, Any], members: dict[ObjectId, list[dict[str, Any]]],
                     existing: dict[Any, dict[str, Any]], now: datetime, report: StageReport,
                     restored: list[ObjectId], erased: frozenset[str] = frozenset()) -> UpdateOne | None:
    """The upsert of one company's directory entry (None: unchanged, or a failure recorded).

    ``erased``: e-mail digests of contacts erased with ``vsme privacy erase``; such a contact stays
    empty in the directory until Scope321 erases the person too.

    Messages name the company id and the field, never a profile value (contact data stays out of
    logs); a wrong-typed number shows its stored value, which is a figure, not personal data.
    """
    where = f"scope321.companies {record_id(doc.get('_id'))}"
    id_problem = object_id_problem(doc.get("_id"), "_id")
    if id_problem is not None:
        report.fail(f"{where}: field {id_problem[0]}: {id_problem[1]}")
        return None
    unusable = hostile_values(doc)
    if unusable:
        report.fail(f"{where}: " + "; ".join(f"field {path}: {message}" for path, message in unusable[:5]))
        return None
    # every known source shape; a value that cannot be mapped is kept as stored and becomes a finding
    # naming record and field (vsme_pipeline.sources), never a silent coercion
    company = read_company(doc)
    note_reading(report, company)
    profile = without_erased_contact(to_bson(company.profile.model_dump(by_alias=True, exclude_none=False)), erased)
    content = company_content_hash(profile)
    company_members = members.get(doc["_id"], [])
    member_hash = members_hash(company_members)
    previous = existing.get(doc["_id"])
    if (
        previous is not None
        and previous.get("contentHash") == content
        and previous.get("membersHash") == member_hash
        and not previous.get("deleted")
    ):
        report.skipped += 1
        return None
    source_updated_at = doc.get("updatedAt")
    if source_updated_at is not None and not isinstance(source_updated_at, datetime):
        report.bump("warnings")
        if len(report.problems) < 1000:
            report.problems.append(f"{where}: field updatedAt: stored {shown(source_updated_at)} where a date "
                                   "belongs; synced without it (only full reconciliations see this company)")
        source_updated_at = None
    values = output_values(CompanyDirectoryEntry, {
        "companyId": doc["_id"],
        "organizationId": company.organization_id,  # Clerk organisation: the tenant key
        "name": company.name,
        "organizationNumber": company.organization_number,
        "profile": profile,
        "members": company_members,
        "contentHash": content,
        "membersHash": member_hash,
        "sourceUpdatedAt": source_updated_at,
        "syncedAt": now,
        "deleted": False,
        "deletedAt": None,
    })
    values["profile"] = profile  # as hashed (the typed dump validated it)
    if previous is not None and previous.get("deleted"):
        restored.append(doc["_id"])
    report.bump("profiles_changed" if previous is None or previous.get("contentHash") != content else "members_changed")
    return UpdateOne({"companyId": doc["_id"]}, {"$set": values}, upsert=True)


async def _refresh_members(source: ReadableDatabase, target: WritableDatabase, company_ids: set[ObjectId], now: datetime, report: StageReport) -> None:
    """Rewrite the members of directory entries whose users changed (companies not re-read)."""
    ids = sorted(company_ids)
    for start in range(0, len(ids), DEFAULT_BATCH_SIZE):
        chunk = ids[start : start + DEFAULT_BATCH_SIZE]
        members = await _members_by_company(source, chunk)
        existing = {
            entry["companyId"]: entry.get("membersHash")
            async for entry in target[DIRECTORY].find({"companyId": {"$in": chunk}}, projection={"companyId": 1, "membersHash": 1})
        }
        operations = []
        for company_id in chunk:
            if company_id not in existing:
                continue  # not synced yet: the company stream brings it with its members
            new_hash = members_hash(members[company_id])
            if existing[company_id] == new_hash:
                continue
            report.bump("members_changed")
            operations.append(
                UpdateOne(
                    {"companyId": company_id},
                    {"$set": {"members": members[company_id], "membersHash": new_hash, "syncedAt": now}},
                )
            )
        report.written += await bulk_upsert(target[DIRECTORY], operations)


async def _audit(target: WritableDatabase, kind: str, company_ids: list[ObjectId], now: datetime, run_id: str | None = None) -> None:
    if company_ids:
        await write_events(target, [audit_event(kind, (cid, now), occurredAt=now, companyId=cid, runId=run_id)
                                    for cid in company_ids])


async def _mark_deleted(target: WritableDatabase, seen: set[ObjectId], now: datetime, report: StageReport) -> list[ObjectId]:
    """Mark directory entries whose company is gone; orphan their reports' validation results."""
    gone: list[ObjectId] = []
    async for entry in target[DIRECTORY].find({"deleted": False}, projection={"companyId": 1}):
        if entry["companyId"] not in seen:
            gone.append(entry["companyId"])
    for start in range(0, len(gone), DEFAULT_BATCH_SIZE):
        chunk = gone[start : start + DEFAULT_BATCH_SIZE]
        result = await target[DIRECTORY].update_many(
            {"companyId": {"$in": chunk}, "deleted": False}, {"$set": {"deleted": True, "deletedAt": now, "syncedAt": now}}
        )
        report.written += result.modified_count
        orphaned = await target["validation_results"].update_many(
            {"companyId": {"$in": chunk}, "orphanedAt": None}, {"$set": {"orphanedAt": now}}
        )
        report.bump("reports_orphaned", orphaned.modified_count)
    report.bump("deleted", len(gone))
    await _audit(target, "company_deleted", gone, now)
    return gone


async def sync_companies(source: ReadableDatabase, target: WritableDatabase, *, full: bool = False, batch_size: int = DEFAULT_BATCH_SIZE) -> StageReport:
    """Sync Scope321 companies (``source``: read-only database) into ``target`` (vsme_guru).

    Returns a :class:`StageReport` whose ``extra`` says whether the run was ``full``, and how many
    entries were ``deleted``, ``restored``, ``profiles_changed`` and ``members_changed``.
    """
    report = StageReport("company_sync")
    try:
        await _sync_companies(source, target, full, batch_size, report)
    except Exception as exc:
        raise StageFailed(report, exc) from exc
    return report.finish()


async def _sync_companies(source: ReadableDatabase, target: WritableDatabase, full: bool, batch_size: int, report: StageReport) -> None:
    now = utcnow()
    state = await target["sync_state"].find_one({"_id": SYNC_STATE_ID}) or {}
    full = full or not state
    report.extra["full"] = full
    companies_position = Position.from_state(state, "companies")
    users_position = Position.from_state(state, "users")
    erased: frozenset[str] | None = None  # read with the first batch of companies: none, none read

    seen: set[ObjectId] = set()
    if full:
        cursor = source["companies"].find({}).sort("_id", 1)
    else:
        cursor = source["companies"].find(companies_position.after_filter()).sort(ORDER)
    async for batch in batches(cursor, batch_size):
        if erased is None:
            erased = await erased_email_digests(target)
        ids, companies_position = await _sync_company_batch(source, target, batch, now, report, companies_position,
                                                            erased)
        seen.update(ids)

    if full:
        # Members came with every company; only the users' position has to catch up (to the
        # newest user: one read through the (updatedAt, _id) index, not a scan of every user).
        newest_user = await source["users"].find_one(
            {"updatedAt": {"$type": "date"}}, projection={"updatedAt": 1}, sort=ORDER_NEWEST
        )
        if newest_user is not None:
            users_position = users_position.advance(newest_user)
        if seen or await target[DIRECTORY].find_one({"deleted": False}, projection={"_id": 1}) is None:
            await _mark_deleted(target, seen, now, report)
        else:
            # An empty source is a wrong database name or URL, not every company deleted at once.
            report.fail(f"scope321.companies ({source.name}) holds no company while the directory lists live ones: "
                        "no deletion marked. Check SCOPE321_DATABASE_URL / SCOPE321_DATABASE_NAME.")
    else:
        # Users whose memberships changed: refresh those companies' members (both the companies
        # they link now and the ones whose directory entry still lists them).
        affected: set[ObjectId] = set()
        user_cursor = source["users"].find(users_position.after_filter(), projection={"companyMemberships": 1, "updatedAt": 1}).sort(ORDER)
        async for user_batch in batches(user_cursor, batch_size):
            for user in user_batch:
                users_position = users_position.advance(user)
                memberships = user.get("companyMemberships")
                affected.update(m["companyId"] for m in (memberships if isinstance(memberships, list) else [])
                                if isinstance(m, dict) and isinstance(m.get("companyId"), ObjectId))
            user_ids = [u["_id"] for u in user_batch]
            async for entry in target[DIRECTORY].find({"members.userId": {"$in": user_ids}}, projection={"companyId": 1}):
                affected.add(entry["companyId"])
        await _refresh_members(source, target, affected - seen, now, report)

    state_update: dict[str, Any] = {**companies_position.to_state("companies"), **users_position.to_state("users"),
                                    "lastSyncAt": now}
    if full:
        state_update["lastFullSyncAt"] = now
    await target["sync_state"].update_one({"_id": SYNC_STATE_ID}, {"$set": state_update}, upsert=True)
    updated_at = companies_position.updated_at
    report.extra["companies_cursor"] = updated_at.isoformat() if updated_at else None
