"""Small Beanie documents of the migration tests (the engine must not depend on the real ones)."""

from datetime import datetime
from enum import StrEnum

import pymongo
from beanie import Document, PydanticObjectId
from pydantic import ConfigDict, Field
from pymongo import IndexModel

from documents.base import document_alias

CONFIG = ConfigDict(alias_generator=document_alias, populate_by_name=True, serialize_by_alias=True, extra="allow")


class Status(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"


class Shop(Document):
    model_config = CONFIG

    name: str
    country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    employees: float | None = Field(default=None, ge=0)
    created_at: datetime | None = None

    class Settings:
        name = "shops"
        indexes = [IndexModel([("name", pymongo.ASCENDING)], name="name_unique", unique=True)]


class Filing(Document):
    model_config = CONFIG

    shop_id: PydanticObjectId
    year: int = Field(ge=1900, le=2100)
    status: Status = Status.DRAFT
    total: float | None = Field(default=None, ge=0)

    class Settings:
        name = "filings"
        indexes = [
            IndexModel([("shopId", pymongo.ASCENDING), ("year", pymongo.DESCENDING)], name="shop_year_unique", unique=True),
            IndexModel([("status", pymongo.ASCENDING)], name="status_partial",
                       partialFilterExpression={"status": {"$eq": "submitted"}}),
        ]


class Factor(Document):
    model_config = CONFIG

    key: str
    value: float

    class Settings:
        name = "factors"
        indexes = [IndexModel([("key", pymongo.ASCENDING)], name="key_unique", unique=True)]


def documents() -> dict[str, list[type]]:
    return {"scope321": [Shop], "vsme_guru": [Filing], "reference": [Factor]}
