"""JSON Schema export: one file per document and module, camelCase, annotated."""

import json
from pathlib import Path

from documents.modules import DISCLOSURE_INFO
from vsme_pipeline.schema_export import export_json_schemas


def test_export_writes_documents_and_modules(tmp_path: Path) -> None:
    paths = export_json_schemas(tmp_path)
    names = {p.relative_to(tmp_path).as_posix() for p in paths}
    for expected in ("documents/Company.json", "documents/User.json", "documents/Report.json",
                     "documents/EmissionFactor.json"):
        assert expected in names
    assert {f"modules/{code}.json" for code in DISCLOSURE_INFO} <= names


def test_schemas_are_by_alias_and_annotated(tmp_path: Path) -> None:
    export_json_schemas(tmp_path)
    b3 = json.loads((tmp_path / "modules" / "B3.json").read_text())
    scope1 = b3["properties"]["scope1Emissions"]
    assert scope1["xbrl"] == "GrossScope1GreenhouseGasEmissions"
    assert scope1["unit"] == "tCO2e"
    assert b3["x-disclosure"] == "B3"
    report = json.loads((tmp_path / "documents" / "Report.json").read_text())
    assert {"companyId", "reportingYear", "schemaVersion", "modules", "_id"} <= set(report["properties"])
    assert report["x-collection"] == "reports"
    company = json.loads((tmp_path / "documents" / "Company.json").read_text())
    assert "siteLocations" in company["properties"]
