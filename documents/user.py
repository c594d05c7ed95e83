"""Users of the ``scope321`` database (web app, authenticated through Clerk)."""

from datetime import datetime
from enum import StrEnum

import pymongo
from beanie import PydanticObjectId
from pymongo import IndexModel

from documents.base import CAMEL_DOCUMENT_CONFIG, CamelDocument, CamelModel

__all__ = ["CompanyMembership", "MembershipRole", "User", "UserData"]


class MembershipRole(StrEnum):
    """Role of a user in a company."""

    OWNER = "owner"
    ADMIN = "admin"
    EDITOR = "editor"
    VIEWER = "viewer"


class CompanyMembership(CamelModel):
    """A user's membership in a company (``companyId`` references ``companies._id``)."""

    company_id: PydanticObjectId
    role: MembershipRole = MembershipRole.VIEWER


class UserData(CamelModel):
    """Fields of a stored user."""

    clerk_id: str | None = None
    organization_id: str | None = None
    email: str | None = None
    name: str | None = None
    company_memberships: list[CompanyMembership] = []
    created_at: datetime | None = None
    updated_at: datetime | None = None


class User(CamelDocument, UserData):
    """A web-app user (collection ``users``)."""

    model_config = CAMEL_DOCUMENT_CONFIG  # type: ignore[misc]  # Beanie's Document declares it without ClassVar

    class Settings:
        name = "users"
        keep_nulls = True
        validate_on_save = True
        indexes = [
            IndexModel(
                [("clerkId", pymongo.ASCENDING)],
                name="clerk_id_unique",
                unique=True,
                partialFilterExpression={"clerkId": {"$type": "string"}},
            ),
            IndexModel([("companyMemberships.companyId", pymongo.ASCENDING)], name="membership_company"),
            # incremental sync reads users changed since its (updatedAt, _id) cursor
            IndexModel([("updatedAt", pymongo.ASCENDING), ("_id", pymongo.ASCENDING)], name="updated_at_id"),
        ]
