"""``company_directory``: the pipeline's read model of Scope321 companies."""

from datetime import datetime

import pymongo
from beanie import Document, PydanticObjectId
from pymongo import IndexModel

from documents.base import CAMEL_DOCUMENT_CONFIG, CamelModel
from documents.company import CompanyProfile

__all__ = ["CompanyDirectoryEntry", "CompanyMember"]


class CompanyMember(CamelModel):
    """A Scope321 user linked to the company (from ``users.companyMemberships``)."""

    user_id: PydanticObjectId
    role: str | None = None


class CompanyDirectoryEntry(Document):
    """One Scope321 company as synced (upserted by ``companyId``).

    ``content_hash`` covers the profile only (what reporting reads): a change of members does not
    re-validate reports. ``deleted`` marks a company that disappeared from Scope321 (found by the
    full reconciliation); its reports are then orphaned, never destroyed.
    """

    model_config = CAMEL_DOCUMENT_CONFIG

    company_id: PydanticObjectId
    name: str | None = None
    organization_number: str | None = None
    profile: CompanyProfile
    members: list[CompanyMember] = []
    content_hash: str
    members_hash: str | None = None
    source_updated_at: datetime | None = None
    synced_at: datetime
    deleted: bool = False
    deleted_at: datetime | None = None
    organization_id: str | None = None
    """Clerk organisation of the record (the tenant key), copied from the report/company when known."""

    class Settings:
        name = "company_directory"
        keep_nulls = True
        indexes = [
            IndexModel([("companyId", pymongo.ASCENDING)], name="company_id_unique", unique=True),
            IndexModel([("deleted", pymongo.ASCENDING), ("companyId", pymongo.ASCENDING)], name="deleted_company"),
            IndexModel([("members.userId", pymongo.ASCENDING)], name="member_user_id"),
            # change detection of the reporting stages: entries synced since their mark
            IndexModel([("syncedAt", pymongo.ASCENDING)], name="synced_at"),
        ]
