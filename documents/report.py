"""Reports of the ``vsme_guru`` database: one VSME report per company and reporting year."""

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

import pymongo
from beanie import PydanticObjectId
from pydantic import Field, StringConstraints
from pymongo import IndexModel

from documents.base import CAMEL_DOCUMENT_CONFIG, CamelDocument, CamelModel, datapoint, enumeration
from documents.enums import ComprehensiveDisclosure, DisclosureCode, ReportingOption
from documents.modules import GeneralDisclosures, ReportModules

__all__ = [
    "CURRENT_SCHEMA_VERSION",
    "Report",
    "ReportData",
    "ReportMetadata",
    "ReportStatus",
    "StandardEdition",
]

CURRENT_SCHEMA_VERSION = 1
"""Version of the report document shape written by this code (see ``migrations/``)."""


class ReportStatus(StrEnum):
    """Workflow status set by the web app."""

    DRAFT = "draft"
    IN_PROGRESS = "in-progress"
    COMPLETED = "completed"


class StandardEdition(StrEnum):
    """Edition of the VSME standard a report follows; validation rules attach to the edition.

    ``dr-2026`` is the delegated regulation under Directive (EU) 2026/470 as reported by
    secondary sources (unconfirmed): its rule set is a draft in ``vsme_pipeline.validation``.
    """

    EFRAG_2024_12 = "efrag-2024-12"
    REC_2025_1710 = "rec-2025-1710"
    DR_2026 = "dr-2026"


class ReportMetadata(CamelModel):
    """Audit metadata maintained by the web app."""

    created_at: datetime | None = None
    updated_at: datetime | None = None
    last_modified_by: str | None = None


Currency = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]


class ReportData(CamelModel):
    """Fields of a VSME report.

    ``reporting_option`` is B1 24(a) (``BasisForPreparation``): ``A`` = Basic Module only,
    ``B`` = Basic and Comprehensive. "Basic plus selected C disclosures" is option ``A`` with
    ``selected_comprehensive`` listing the C disclosures reported (EFRAG FAQ #19).
    """

    company_id: PydanticObjectId
    reporting_year: int = Field(ge=2000, le=2100)
    status: ReportStatus = ReportStatus.DRAFT
    reporting_option: ReportingOption | None = enumeration("BasisForPreparation", paragraph="24(a)")
    selected_comprehensive: list[ComprehensiveDisclosure] = []
    standard_edition: StandardEdition = StandardEdition.REC_2025_1710
    currency: Currency = "EUR"
    reporting_period_start: date | None = None
    reporting_period_end: date | None = None
    first_reporting_year: int | None = Field(
        default=None, ge=2000, le=2100, description="First year the company reported (comparatives, para 12)."
    )
    turnover_difference_explanation: str | None = None
    employees_difference_explanation: str | None = None
    omitted_disclosures: list[DisclosureCode] = datapoint(
        "ListOfOmittedDisclosuresDeemedToBeClassifiedOrSensitiveInformation",
        paragraph="24(b)",
        default=[],
        description="Disclosures omitted as classified or sensitive (para 19).",
    )
    general_disclosures: GeneralDisclosures | None = None
    modules: ReportModules = Field(default_factory=ReportModules)
    metadata: ReportMetadata = Field(default_factory=ReportMetadata)
    version: int = Field(default=1, ge=1)
    schema_version: int = Field(default=CURRENT_SCHEMA_VERSION, ge=1)

    def includes_disclosure(self, code: str) -> bool:
        """Whether a disclosure is in scope of the chosen option (B1-B11 always)."""
        code = code.upper()
        if code.startswith("B"):
            return True
        if self.reporting_option is ReportingOption.B:
            return True
        return code in {c.value for c in self.selected_comprehensive}


class Report(CamelDocument, ReportData):
    """A VSME report (collection ``reports``); unique per ``companyId`` and ``reportingYear``."""

    model_config = CAMEL_DOCUMENT_CONFIG  # type: ignore[misc]  # Beanie's Document declares it without ClassVar

    class Settings:
        name = "reports"
        keep_nulls = True
        validate_on_save = True
        indexes = [
            IndexModel(
                [("companyId", pymongo.ASCENDING), ("reportingYear", pymongo.ASCENDING)],
                name="company_year_unique",
                unique=True,
            ),
            IndexModel([("status", pymongo.ASCENDING), ("reportingYear", pymongo.ASCENDING)], name="status_year"),
            # per-year work of the pipeline pages reports of one year by _id
            IndexModel([("reportingYear", pymongo.ASCENDING), ("_id", pymongo.ASCENDING)], name="year_id"),
            # the schema-drift sensor looks for reports behind CURRENT_SCHEMA_VERSION
            IndexModel([("schemaVersion", pymongo.ASCENDING)], name="schema_version"),
            IndexModel([("metadata.updatedAt", pymongo.ASCENDING)], name="metadata_updated_at"),
        ]
