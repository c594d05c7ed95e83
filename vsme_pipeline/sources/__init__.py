"""Readers of the documents as the world writes them (pure: no I/O).

Each reader maps one known source shape (``/docs/sources.md``) to the project's model with its
provenance (shape, source field) and never drops a record: a value it cannot map is kept as stored
and reported as a :class:`~vsme_pipeline.sources.provenance.Finding` naming record and field.
"""

from vsme_pipeline.sources.company import CompanyReading, read_company
from vsme_pipeline.sources.countries import country_code
from vsme_pipeline.sources.legal_forms import legal_form_member
from vsme_pipeline.sources.provenance import Finding, SourceShape
from vsme_pipeline.sources.users import UserReading, read_prisma_user

__all__ = ["CompanyReading", "Finding", "SourceShape", "country_code", "legal_form_member", "read_company",
           "read_prisma_user", "UserReading"]
