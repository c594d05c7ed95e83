"""Arelle wiring: the project's xBRL-JSON, loaded by Arelle's OIM loader through a taxonomy package.

The official VSME taxonomy package is not obtainable here, so the package is a tiny one made in
the test: a catalog that maps the real entry point URL (``.../vsme/2026-05-01/vsme-all.xsd``) to
a schema declaring the few concepts of the report, with the real VSME namespace. This proves the
wiring (setting -> package -> Arelle offline -> errors fail the export) and that Arelle's OIM
loader accepts the document's structure (namespaces, entity, periods, units, decimals). It cannot
prove that the facts are valid against the real taxonomy (dimensions, enumerations, data types of
the 143 concepts): that is the offline self-check's job, or Arelle's with the real package.
"""

import zipfile
from datetime import date
from pathlib import Path

import pytest

from vsme_pipeline.filing.arelle_check import arelle_package_paths, validate_with_arelle
from vsme_pipeline.filing.facts import Entity, Fact, FactSet, Period
from vsme_pipeline.filing.xbrl_json import to_xbrl_json

VSME_NS = "https://xbrl.efrag.org/taxonomy/vsme/2026-05-01/vsme"
SCHEMA = f"""<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xbrli="http://www.xbrl.org/2003/instance"
  xmlns:vsme="{VSME_NS}" targetNamespace="{VSME_NS}" elementFormDefault="qualified">
  <xs:import namespace="http://www.xbrl.org/2003/instance" schemaLocation="http://www.xbrl.org/2003/xbrl-instance-2003-12-31.xsd"/>
  <xs:element name="Turnover" id="vsme_Turnover" type="xbrli:monetaryItemType" substitutionGroup="xbrli:item" xbrli:periodType="duration" nillable="true"/>
  <xs:element name="NumberOfEmployees" id="vsme_NumberOfEmployees" type="xbrli:decimalItemType" substitutionGroup="xbrli:item" xbrli:periodType="instant" nillable="true"/>
  <xs:element name="DescriptionOfPracticesPoliciesAndOrFutureInitiatives" id="vsme_Desc" type="xbrli:stringItemType" substitutionGroup="xbrli:item" xbrli:periodType="duration" nillable="true"/>
</xs:schema>
"""
PACKAGE = """<?xml version="1.0" encoding="UTF-8"?>
<tp:taxonomyPackage xmlns:tp="http://xbrl.org/2016/taxonomy-package" xml:lang="en">
  <tp:identifier>https://vsme.guru/test/tiny-vsme</tp:identifier><tp:name>tiny VSME stand-in</tp:name><tp:version>1</tp:version>
  <tp:entryPoints><tp:entryPoint><tp:name>all</tp:name>
    <tp:entryPointDocument href="https://xbrl.efrag.org/taxonomy/vsme/2026-05-01/vsme-all.xsd"/></tp:entryPoint></tp:entryPoints>
</tp:taxonomyPackage>
"""
CATALOG = """<?xml version="1.0" encoding="UTF-8"?>
<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">
  <rewriteURI uriStartString="https://xbrl.efrag.org/taxonomy/vsme/2026-05-01/" rewritePrefix="../www/"/>
</catalog>
"""


def _package(tmp_path: Path) -> Path:
    path = tmp_path / "tiny-vsme.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("tiny/META-INF/taxonomyPackage.xml", PACKAGE)
        z.writestr("tiny/META-INF/catalog.xml", CATALOG)
        z.writestr("tiny/www/vsme-all.xsd", SCHEMA)
    return path


def _facts(turnover: str = "32000000") -> FactSet:
    period = Period(start=date(2024, 1, 1), end=date(2024, 12, 31))
    facts = FactSet(entity=Entity("http://standards.iso.org/iso/17442", "5299000J2N45DDNE4Y28"), period=period,
                    edition="2026-05-01", currency="EUR")
    facts.facts += [
        Fact("vsme:Turnover", turnover, period, unit="iso4217:EUR", decimals=2),
        Fact("vsme:NumberOfEmployees", "180", Period(end=period.end), decimals=0),  # pure: no unit (OIM)
        Fact("vsme:DescriptionOfPracticesPoliciesAndOrFutureInitiatives", "Energy audits every year.", period),
    ]
    return facts


def _document(tmp_path: Path, facts: FactSet) -> Path:
    path = tmp_path / "report.json"
    path.write_bytes(to_xbrl_json(facts))
    return path


def test_arelle_loads_and_validates_the_projects_xbrl_json_through_a_package(tmp_path):
    result = validate_with_arelle(_document(tmp_path, _facts()), [_package(tmp_path)])
    assert result.ok, result.errors
    assert result.fact_count == 3


def test_arelle_errors_on_a_planted_defect(tmp_path):
    result = validate_with_arelle(_document(tmp_path, _facts(turnover="a lot")), [_package(tmp_path)])
    assert not result.ok
    assert result.errors, "a non-numeric monetary value must be an Arelle error"


def test_without_a_package_the_taxonomy_cannot_be_resolved_offline(tmp_path):
    result = validate_with_arelle(_document(tmp_path, _facts()), [])
    assert not result.ok


def test_package_setting(tmp_path):
    assert arelle_package_paths({}) == []
    package = _package(tmp_path)
    assert arelle_package_paths({"VSME_TAXONOMY_PACKAGE": str(package)}) == [package]
    with pytest.raises(FileNotFoundError, match="VSME_TAXONOMY_PACKAGE"):
        arelle_package_paths({"VSME_TAXONOMY_PACKAGE": str(tmp_path / "missing.zip")})


def _snapshot() -> dict:
    from vsme_pipeline.sample_data import full_company, full_report

    company = full_company()
    report = full_report(company=company)
    return {"companyId": str(report.company_id), "reportingYear": report.reporting_year, "version": 1, "contentHash": "h1",
            "report": report.model_dump(mode="json", by_alias=True, exclude={"id"}),
            "company": {"companyId": str(report.company_id), "profile": company.profile().model_dump(mode="json", by_alias=True)},
            "validation": {"passed": True}}


def test_export_fails_and_removes_the_file_on_arelle_errors(tmp_path):
    """``file_snapshots`` with a package: the real sample report's facts are mostly undeclared in the
    tiny package, so Arelle errors and the filing is refused (nothing left half-written)."""
    from vsme_pipeline.filing.stage import file_snapshots

    snapshot = _snapshot()
    checked = file_snapshots([snapshot], tmp_path / "with", "xbrl-json", taxonomy_packages=[_package(tmp_path)])
    assert checked.arelle_validated == 1 and checked.written == []
    (name, reason), = checked.failed.items()
    assert reason.startswith("Arelle:") and not (tmp_path / "with" / name).exists()
    plain = file_snapshots([snapshot], tmp_path / "without", "xbrl-json")
    assert plain.arelle_validated == 0 and len(plain.written) == 1
