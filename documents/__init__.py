"""Beanie documents and VSME module models: the schema of vsme-pipeline.

Document lists per database, for ``beanie.init_beanie``:

* `SCOPE321_DOCUMENTS`: companies and users, written by the web app (read-only for the pipeline);
* `VSME_GURU_DOCUMENTS`: reports (pipeline documents from ``documents.pipeline`` are appended
  by that package);
* `REFERENCE_DOCUMENTS`: emission factors of the reference database.
"""

from beanie import Document

from documents.base import CamelModel
from documents.company import Company, CompanyProfile
from documents.modules import DISCLOSURE_INFO, DISCLOSURES, ReportModules
from documents.pipeline import PIPELINE_DOCUMENTS
from documents.reference import EmissionFactor
from documents.report import CURRENT_SCHEMA_VERSION, Report, ReportMetadata, ReportStatus, StandardEdition
from documents.user import CompanyMembership, MembershipRole, User

__all__ = [
    "CURRENT_SCHEMA_VERSION",
    "DISCLOSURES",
    "DISCLOSURE_INFO",
    "REFERENCE_DOCUMENTS",
    "SCOPE321_DOCUMENTS",
    "VSME_GURU_DOCUMENTS",
    "CamelModel",
    "Company",
    "CompanyMembership",
    "CompanyProfile",
    "EmissionFactor",
    "MembershipRole",
    "Report",
    "ReportMetadata",
    "ReportModules",
    "ReportStatus",
    "StandardEdition",
    "User",
]

SCOPE321_DOCUMENTS: list[type[Document]] = [Company, User]
VSME_GURU_DOCUMENTS: list[type[Document]] = [Report, *PIPELINE_DOCUMENTS]
REFERENCE_DOCUMENTS: list[type[Document]] = [EmissionFactor]
