"""Write filings for the latest snapshots of a year (shared by `vsme export` and the Dagster asset).

Only snapshots of completed reports whose validation passed are filed. ``manifest-<format>.json`` in the
output directory records, per file, the snapshot's content hash and fact count: a snapshot whose
hash is already filed (and whose file exists) is skipped, so only new or changed snapshots are
written.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vsme_pipeline.filing.export import Filing, file_name, filing_from_snapshot
from vsme_pipeline.filing.selfcheck import FilingCheckError
from vsme_pipeline.pipeline.handles import WritableDatabase

__all__ = ["FORMAT_EXTENSIONS", "FilingRun", "file_snapshots", "latest_snapshots"]

FORMAT_EXTENSIONS = {"xbrl-json": "xbrl.json", "ixbrl": "xhtml", "pdf": "pdf", "template": "xlsx"}
"""Output formats implemented and their file extensions."""



@dataclass(slots=True)
class FilingRun:
    written: list[Path] = field(default_factory=list)
    unchanged: int = 0
    skipped_not_eligible: int = 0
    failed: dict[str, str] = field(default_factory=dict)
    fact_counts: dict[str, int] = field(default_factory=dict)
    arelle_validated: int = 0
    """Files Arelle validated (xbrl-json/ixbrl with ``VSME_TAXONOMY_PACKAGE`` set); 0 otherwise."""


def eligible(snapshot: dict[str, Any]) -> bool:
    """Completed report whose validation passed."""
    return snapshot.get("report", {}).get("status") == "completed" and bool(snapshot.get("validation", {}).get("passed"))


async def latest_snapshots(target: WritableDatabase, *, year: int | None = None, company: str | None = None) -> list[dict[str, Any]]:
    """Latest snapshot of every company-year (optionally one year / one company id)."""
    from bson import ObjectId

    query: dict[str, Any] = {}
    if year is not None:
        query["reportingYear"] = year
    if company is not None:
        query["companyId"] = ObjectId(company) if ObjectId.is_valid(company) else company
    cursor = target["report_snapshots"].find(query, projection={"companyId": 1, "reportingYear": 1, "version": 1}).sort(
        [("companyId", 1), ("reportingYear", 1), ("version", -1)]
    )
    heads: list[Any] = []
    previous = None
    async for head in cursor:
        key = (head["companyId"], head["reportingYear"])
        if key != previous:
            heads.append(head["_id"])
            previous = key
    docs = {d["_id"]: d async for d in target["report_snapshots"].find({"_id": {"$in": heads}})}
    return [docs[i] for i in heads if i in docs]


def _arelle(path: Path, fmt: str, packages: list[Path]) -> Any:
    """Arelle's verdict on one written file (its OIM loader wants a ``.json`` name: a copy)."""
    import tempfile

    from vsme_pipeline.filing.arelle_check import validate_with_arelle

    if fmt == "ixbrl":
        return validate_with_arelle(path, packages)
    with tempfile.TemporaryDirectory(prefix="vsme-arelle-") as tmp:
        document = Path(tmp) / "report.json"
        document.write_bytes(path.read_bytes())
        return validate_with_arelle(document, packages)


def render(filing: Filing, snapshot: dict[str, Any], fmt: str) -> bytes:
    """The bytes of one filing in ``fmt``."""
    if fmt == "xbrl-json":
        return filing.xbrl_json
    if fmt == "template":
        from vsme_pipeline.filing.template_export import render_template

        return render_template(filing.facts)
    from vsme_pipeline.filing.inline import render_inline_xbrl, render_pdf

    company = str((snapshot.get("company") or {}).get("name") or snapshot.get("companyId"))
    title = f"Sustainability report {snapshot.get('reportingYear')}"
    html = render_inline_xbrl(filing.facts, title=title, company=company)
    return html.encode("utf-8") if fmt == "ixbrl" else render_pdf(html)


def file_snapshots(snapshots: list[dict[str, Any]], out_dir: Path, fmt: str = "xbrl-json",
                   taxonomy_packages: list[Path] | None = None) -> FilingRun:
    """Write one file per eligible snapshot into ``out_dir`` (self-checked; failures recorded).

    With ``taxonomy_packages`` (the ``VSME_TAXONOMY_PACKAGE`` zips), xBRL-JSON and iXBRL files are
    also validated by Arelle (`arelle_check`); a file with Arelle errors is removed and failed."""
    if fmt not in FORMAT_EXTENSIONS:
        raise ValueError(f"format {fmt!r} is not implemented; available: {', '.join(FORMAT_EXTENSIONS)}")
    out_dir.mkdir(parents=True, exist_ok=True)
    manifest_path = out_dir / f"manifest-{fmt}.json"
    manifest: dict[str, Any] = json.loads(manifest_path.read_text("utf-8")) if manifest_path.exists() else {}
    run = FilingRun()
    for snapshot in snapshots:
        if not eligible(snapshot):
            run.skipped_not_eligible += 1
            continue
        name = file_name(snapshot, FORMAT_EXTENSIONS[fmt])
        path = out_dir / name
        entry = manifest.get(name)
        if entry and entry.get("contentHash") == snapshot.get("contentHash") and path.exists():
            run.unchanged += 1
            run.fact_counts[name] = int(entry.get("factCount", 0))
            continue
        try:
            filing = filing_from_snapshot(snapshot)
        except FilingCheckError as error:
            run.failed[name] = str(error)
            continue
        path.write_bytes(render(filing, snapshot, fmt))
        if taxonomy_packages and fmt in ("xbrl-json", "ixbrl"):
            checked = _arelle(path, fmt, taxonomy_packages)
            run.arelle_validated += 1
            if not checked.ok:
                path.unlink()
                run.failed[name] = "Arelle: " + "; ".join(checked.errors[:5] or ["the report did not load"])
                continue
        manifest[name] = {"contentHash": snapshot.get("contentHash"), "factCount": filing.fact_count,
                          "snapshotVersion": snapshot.get("version")}
        run.written.append(path)
        run.fact_counts[name] = filing.fact_count
    manifest_path.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", "utf-8")
    return run
