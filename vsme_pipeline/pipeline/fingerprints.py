"""Change detection: the fingerprints that decide whether a stage has work to do (pure).

Each stage stores, with its output, the fingerprint of the inputs it was computed from. A later run
recomputes the fingerprint from the current inputs and skips the record when they are equal.

- company content hash: the profile reporting needs (not the members, not the sync time);
- report content hash: the stored report without web-app bookkeeping that carries no content
  (``metadata.updatedAt``, ``metadata.lastModifiedBy``);
- report fingerprint (validation): report content, the *comparative view* of the previous year's
  report (what comparative rules read: its year, status and B1 size figures; a change elsewhere in
  last year's report does not re-validate this year's), the company content hash and deletion
  state, the rule-set version. Extend ``COMPARATIVE_PATHS`` when a rule reads more of last year;
- metrics inputs fingerprint: the report fingerprint, the formulas version, the emission-factor
  data set's own content hash, and the content hash of the organisation's Scope321 record (its
  emissions fill or are compared with B3; absent when there is no record, so a report without one
  keeps the fingerprint it had before Scope321 was read);
- snapshot content hash: see :mod:`vsme_pipeline.pipeline.snapshots`.
"""

from collections.abc import Mapping, Sequence
from typing import Any

from vsme_pipeline.pipeline.hashing import content_hash, without_keys

REPORT_BOOKKEEPING_PATHS = ("metadata.updatedAt", "metadata.lastModifiedBy")


def company_content_hash(profile: Mapping[str, Any]) -> str:
    """Hash of a company profile as stored in the directory (camelCase dict)."""
    return content_hash({"profile": profile})


def members_hash(members: Sequence[Mapping[str, Any]]) -> str:
    """Order-independent hash of a company's members (``userId``, ``role``)."""
    return content_hash(sorted((str(m["userId"]), str(m.get("role"))) for m in members))


COMPARATIVE_PATHS = ("_id", "reportingYear", "status", "modules.b1", "generalDisclosures")


def _pick(document: Mapping[str, Any], path: str) -> Any:
    value: Any = document
    for part in path.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value


def comparative_hash(previous_report: Mapping[str, Any] | None) -> str | None:
    """Hash of what this year's validation reads from last year's report (None: no report)."""
    if previous_report is None:
        return None
    return content_hash({path: _pick(previous_report, path) for path in COMPARATIVE_PATHS})


def report_content_hash(report: Mapping[str, Any]) -> str:
    """Hash of a stored report's content (raw MongoDB document)."""
    return content_hash(without_keys(report, *REPORT_BOOKKEEPING_PATHS))


def report_fingerprint(
    *,
    report_hash: str,
    company_hash: str | None,
    company_deleted: bool,
    previous_report_hash: str | None,
    rule_set_version: str,
) -> str:
    """Everything a validation result depends on."""
    return content_hash(
        {
            "report": report_hash,
            "company": company_hash,
            "companyDeleted": company_deleted,
            "previousReport": previous_report_hash,
            "ruleSet": rule_set_version,
        }
    )


def metrics_inputs_fingerprint(*, report_fingerprint: str, formulas_version: str, factors_hash: str,
                               scope321_hash: str | None = None) -> str:
    """Everything a report's metrics depend on."""
    inputs = {"report": report_fingerprint, "formulas": formulas_version, "factors": factors_hash}
    if scope321_hash is not None:
        inputs["scope321"] = scope321_hash
    return content_hash(inputs)
