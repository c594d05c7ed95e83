"""Export a snapshot: facts, self-check (any error refuses the export), serialised output."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from vsme_pipeline.filing.facts import FactSet
from vsme_pipeline.filing.mapping import facts_from_snapshot
from vsme_pipeline.filing.selfcheck import CheckFinding, require_valid
from vsme_pipeline.filing.xbrl_json import to_xbrl_json

__all__ = ["Filing", "file_name", "filing_from_snapshot"]


@dataclass(frozen=True, slots=True)
class Filing:
    """A checked fact set and its xBRL-JSON bytes."""

    facts: FactSet
    warnings: list[CheckFinding]
    xbrl_json: bytes

    @property
    def fact_count(self) -> int:
        return len(self.facts.facts)


def filing_from_snapshot(snapshot: Mapping[str, Any], *, edition: str | None = None) -> Filing:
    """Map, self-check and serialise one snapshot (raises `FilingCheckError` on errors)."""
    facts = facts_from_snapshot(snapshot, edition=edition)
    warnings = require_valid(facts)
    return Filing(facts=facts, warnings=warnings, xbrl_json=to_xbrl_json(facts))


def file_name(snapshot: Mapping[str, Any], extension: str) -> str:
    """``<companyId>_<year>.<extension>``: one file per company-year."""
    return f"{snapshot['companyId']}_{snapshot['reportingYear']}.{extension}"
