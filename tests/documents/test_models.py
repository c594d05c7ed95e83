"""Pure model tests: population, camelCase serialisation, bounds, unknown keys."""

import pytest
from beanie import PydanticObjectId
from pydantic import ValidationError

from documents import Company, Report
from documents.base import CamelModel
from documents.common import Site
from documents.modules import DISCLOSURE_INFO, B3EnergyAndGhgEmissions, B10RemunerationAndTraining, ReportModules
from documents.report import CURRENT_SCHEMA_VERSION, ReportStatus
from vsme_pipeline.sample_data import full_company, full_report, minimal_company, minimal_report


def _camel_keys(value: object) -> list[str]:
    """All dict keys (recursively) that contain an underscore, except ``_id``."""
    bad: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if "_" in key and key != "_id":
                bad.append(key)
            bad.extend(_camel_keys(item))
    elif isinstance(value, list):
        for item in value:
            bad.extend(_camel_keys(item))
    return bad


def test_full_report_fills_every_disclosure() -> None:
    report = full_report()
    for code in DISCLOSURE_INFO:
        module = report.modules.get(code)
        assert module is not None, code
        assert module.model_fields_set, code


def test_full_report_serialises_by_alias() -> None:
    dumped = full_report().model_dump(mode="json")
    assert _camel_keys(dumped) == []
    assert dumped["companyId"]
    assert dumped["modules"]["b3"]["scope2LocationBasedEmissions"] > 0
    assert dumped["modules"]["b8"]["employeesByCountry"][0]["numberOfEmployees"] > 0


def test_full_report_revalidates_from_its_dump() -> None:
    report = full_report()
    again = Report.build(report.model_dump())
    assert again.model_dump() == report.model_dump()


def test_minimal_report_validates_with_defaults() -> None:
    report = minimal_report()
    assert report.status is ReportStatus.DRAFT
    assert report.schema_version == CURRENT_SCHEMA_VERSION
    assert report.currency == "EUR"
    assert all(report.modules.get(code) is None for code in DISCLOSURE_INFO)
    dumped = report.model_dump(mode="json")
    assert dumped["status"] == "draft" and dumped["reportingYear"] == 2025
    assert _camel_keys(dumped) == []


def test_status_value_is_kebab_case() -> None:
    assert ReportStatus.IN_PROGRESS.value == "in-progress"


def test_companies_serialise_by_alias_and_give_profile() -> None:
    company = full_company()
    dumped = company.model_dump(mode="json")
    for key in ("organizationNumber", "naceCodes", "balanceSheetSize", "employeeCount", "primaryCountry",
                "siteLocations", "createdAt", "updatedAt", "_id", "organizationId"):
        assert key in dumped, key
    profile = company.profile()
    assert profile.sites == company.site_locations
    assert profile.number_of_employees == company.employee_count
    assert profile.organization_id == company.organization_id
    assert minimal_company().profile().name == "Minimal Example Ltd"


def test_unknown_keys_are_kept() -> None:
    modules = ReportModules.model_validate({"b3": {"totalEnergyConsumption": 10, "webAppNote": "x"}, "extraModule": 1})
    dumped = modules.model_dump()
    assert dumped["b3"]["webAppNote"] == "x"
    assert dumped["extraModule"] == 1
    company = Company.build({"name": "A", "prismaOnlyField": {"a": 1}})
    assert company.model_dump()["prismaOnlyField"] == {"a": 1}


def test_fields_accept_python_names_and_aliases() -> None:
    by_name = B3EnergyAndGhgEmissions(scope1_emissions=1.5)
    by_alias = B3EnergyAndGhgEmissions.model_validate({"scope1Emissions": 1.5})
    assert by_name.scope1_emissions == by_alias.scope1_emissions == 1.5


def _error_locations(error: ValidationError) -> list[tuple[object, ...]]:
    return [tuple(e["loc"]) for e in error.errors()]


def test_negative_energy_is_rejected_naming_the_field() -> None:
    with pytest.raises(ValidationError) as caught:
        ReportModules.model_validate({"b3": {"totalEnergyConsumption": -1}})
    assert ("b3", "totalEnergyConsumption") in _error_locations(caught.value)


def test_negative_breakdown_cell_is_rejected() -> None:
    with pytest.raises(ValidationError) as caught:
        B3EnergyAndGhgEmissions.model_validate({"electricity": {"renewable": -0.1}})
    assert ("electricity", "renewable") in _error_locations(caught.value)


def test_percentage_above_100_is_rejected_naming_the_field() -> None:
    with pytest.raises(ValidationError) as caught:
        B10RemunerationAndTraining.model_validate({"cbaCoverage": 120})
    assert ("cbaCoverage",) in _error_locations(caught.value)


def test_negative_pay_gap_is_allowed_but_not_above_100() -> None:
    assert B10RemunerationAndTraining(gender_pay_gap=-5.0).gender_pay_gap == -5.0
    with pytest.raises(ValidationError):
        B10RemunerationAndTraining(gender_pay_gap=101.0)


def test_latitude_out_of_range_is_rejected_naming_the_field() -> None:
    with pytest.raises(ValidationError) as caught:
        Report.build(
            company_id=PydanticObjectId(),
            reporting_year=2024,
            modules={"b1": {"sites": [{"latitude": 95, "longitude": 10}]}},
        )
    assert ("modules", "b1", "sites", 0, "latitude") in _error_locations(caught.value)
    with pytest.raises(ValidationError):
        Site(longitude=-181)


def test_reporting_year_bounds() -> None:
    with pytest.raises(ValidationError) as caught:
        Report.build(company_id=PydanticObjectId(), reporting_year=1999)
    assert {("reporting_year",), ("reportingYear",)} & set(_error_locations(caught.value))


def test_every_module_is_a_camel_model() -> None:
    for info in DISCLOSURE_INFO.values():
        assert issubclass(info.model, CamelModel)
        info.model()  # every field optional: an empty module validates


def test_includes_disclosure_follows_option() -> None:
    report = full_report(option="A", selected_comprehensive=("C3",))
    assert report.includes_disclosure("B5")
    assert report.includes_disclosure("C3")
    assert not report.includes_disclosure("C4")
    assert full_report().includes_disclosure("C9")
