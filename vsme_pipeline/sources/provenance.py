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
    PRISMA_USER = "prisma_user"
    """The web app's first Prisma ``User`` (``clerkId``, ``organizationId`` as tenant key)."""
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
        return f"{self.shape.value} {self.record}: {self.field}={self.shown_value()}: {self.reason}"

    def shown_value(self) -> str:
        """The stored value as messages show it: figures and codes as stored; text of any other field
        (a name, an e-mail, a phone number) only by its type and length, so that findings, logs and
        Dagster metadata never carry personal data."""
        if self.value is None or isinstance(self.value, bool | int | float):
            return repr(self.value)
        top = self.field.split(".", 1)[0]
        if top in NON_PERSONAL_FIELDS and isinstance(self.value, str | list):
            text = repr(self.value)
            return text if len(text) <= 60 else text[:59] + "…"
        size = f", {len(self.value)} long" if isinstance(self.value, str | list | dict) else ""
        return f"<{type(self.value).__name__}{size}>"


NON_PERSONAL_FIELDS = frozenset({
    "legalForm", "address", "primaryCountry", "naceCodes", "naceCode", "balanceSheetSize", "balanceSheetTotal",
    "turnover", "revenue", "employeeCount", "numberOfEmployees", "year", "industry", "industryCo2Intensity",
    "Emissions", "updatedAt", "createdAt",
})
"""Fields whose stored values findings may show (no personal data in them)."""
