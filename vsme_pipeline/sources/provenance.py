"""Source shapes and findings shared by every reader (pure)."""

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

__all__ = ["Finding", "SourceShape"]


class SourceShape(StrEnum):
    """The known shapes of source documents (``docs/sources.md``)."""

    ARCHITECTURE_COMPANY = "architecture_company"
    """``scope321.companies`` as the architecture document's ``Company`` interface specifies it."""
    LEGACY_COMPANY = "legacy_company"
    """``scope321.companies`` with the project's earlier names (``balanceSheetTotal`` ...)."""
    PRISMA_COMPANY = "prisma_company"
    """The web app's first Prisma schema: one company per organisation and year."""
    PRISMA_REPORT = "prisma_report"
    SCOPE321_RECORD = "scope321_record"
    """Scope321's own ``companies`` records (``OrgId``, ``Emissions.<year>``)."""


@dataclass(frozen=True)
class Finding:
    """A value a reader could not map: kept as stored, named by record and field."""

    shape: SourceShape
    record: str
    field: str
    value: Any
    reason: str

    def __str__(self) -> str:
        return f"{self.shape.value} {self.record}: {self.field}={self.value!r}: {self.reason}"
