"""Snapshot content and its hash (pure).

The content of a snapshot is ``companyId``, ``reportingYear``, ``report`` (the stored report
without the web app's bookkeeping, ``fingerprints.REPORT_BOOKKEEPING_PATHS``), ``company`` (the
directory profile with its hash), ``validation`` and ``metrics`` (without their timestamps).
``contentHash`` is :func:`~vsme_pipeline.pipeline.hashing.content_hash` of exactly that mapping,
so a stored snapshot (or its exported JSON file) can be verified by recomputing it.
"""

from collections.abc import Mapping
from typing import Any

from vsme_pipeline.pipeline.hashing import content_hash

CONTENT_FIELDS = ("companyId", "reportingYear", "report", "company", "validation", "metrics")
VALIDATION_FIELDS = ("edition", "ruleSetVersion", "findings", "errorCount", "warningCount", "passed", "reportFingerprint")
METRICS_FIELDS = ("version", "formulasVersion", "factorDatasetVersion", "factorsHash", "inputsFingerprint", "metricsHash", "metrics")


def company_payload(entry: Mapping[str, Any]) -> dict[str, Any]:
    """The company as synced: id, name, organisation number, profile and its content hash."""
    return {
        "companyId": entry.get("companyId"),
        "name": entry.get("name"),
        "organizationNumber": entry.get("organizationNumber"),
        "profile": entry.get("profile"),
        "contentHash": entry.get("contentHash"),
    }


def validation_payload(result: Mapping[str, Any]) -> dict[str, Any]:
    return {key: result.get(key) for key in VALIDATION_FIELDS}


def metrics_payload(metrics: Mapping[str, Any]) -> dict[str, Any]:
    return {key: metrics.get(key) for key in METRICS_FIELDS}


def snapshot_content(
    *,
    company_id: Any,
    reporting_year: int,
    report: Mapping[str, Any],
    company: Mapping[str, Any],
    validation: Mapping[str, Any],
    metrics: Mapping[str, Any],
) -> dict[str, Any]:
    """The hashed part of a snapshot."""
    return {
        "companyId": company_id,
        "reportingYear": reporting_year,
        "report": dict(report),
        "company": dict(company),
        "validation": dict(validation),
        "metrics": dict(metrics),
    }


def snapshot_hash(snapshot: Mapping[str, Any]) -> str:
    """Recompute the content hash of a stored (or exported) snapshot."""
    return content_hash({key: snapshot.get(key) for key in CONTENT_FIELDS})


def accepted_hashes(snapshot: Mapping[str, Any]) -> set[str]:
    """The content hashes a snapshot may have: its ``contentHash`` and, after a recorded
    redaction of personal data (``vsme privacy erase``), the hash its last redaction recorded."""
    hashes = {snapshot.get("contentHash")}
    redactions = snapshot.get("redactions")
    if isinstance(redactions, list) and redactions and isinstance(redactions[-1], Mapping):
        hashes.add(redactions[-1].get("contentHashAfter"))
    return {h for h in hashes if isinstance(h, str)}


def verify_snapshot(snapshot: Mapping[str, Any]) -> bool:
    """True when the snapshot's content matches its ``contentHash`` (or its recorded redaction)."""
    return snapshot_hash(snapshot) in accepted_hashes(snapshot)
