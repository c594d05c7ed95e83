"""The sample data is deterministic and internally consistent."""

import math

import pytest

from documents import Report
from vsme_pipeline.sample_data import full_report, sample_dataset, sample_object_id


def close(a: float | None, b: float | None) -> bool:
    assert a is not None and b is not None
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def test_ids_are_deterministic() -> None:
    assert sample_object_id("company", "X") == sample_object_id("company", "X")
    first, second = sample_dataset(), sample_dataset()
    assert [c.id for c in first.companies] == [c.id for c in second.companies]
    assert [r.model_dump() for r in first.reports] == [r.model_dump() for r in second.reports]


def _consistent(report: Report) -> None:
    m = report.modules
    assert m.b1 and m.b3 and m.b6 and m.b7 and m.b8 and m.b9 and m.b10 and m.b3.electricity and m.b3.fuels
    n = m.b1.number_of_employees
    # B8 splits add up to the B1 employee count
    assert close(m.b8.permanent_employees + m.b8.temporary_employees, n)
    assert close(
        m.b8.male_employees + m.b8.female_employees + m.b8.other_gender_employees + m.b8.not_reported_gender_employees,
        n,
    )
    if m.b8.operates_in_more_than_one_country:
        assert close(sum(row.number_of_employees for row in m.b8.employees_by_country or []), n)
    else:
        assert not m.b8.employees_by_country
    # B3 breakdown rows and total
    rows = [m.b3.electricity, m.b3.self_generated_electricity, m.b3.fuels]
    for row in rows:
        assert row and close(row.renewable + row.non_renewable, row.total)
    assert close(sum(row.total for row in rows if row), m.b3.total_energy_consumption)
    assert close(m.b3.total_renewable_energy + m.b3.total_non_renewable_energy, m.b3.total_energy_consumption)
    assert close(m.b3.scope1_emissions + m.b3.scope2_location_based_emissions, m.b3.total_scope1_and_scope2_location_based)
    assert close(sum(c.emissions for c in m.b3.scope3_categories or []), m.b3.scope3_emissions)
    assert close(m.b3.total_scope1_and_scope2_location_based / m.b1.turnover, m.b3.ghg_intensity_location_based)
    # B6 water
    if m.b6.water_discharge is not None:
        assert close(m.b6.total_water_withdrawal - m.b6.water_discharge, m.b6.water_consumption)
    # B7 waste
    assert close(m.b7.total_hazardous_waste_mass + m.b7.total_non_hazardous_waste_mass, m.b7.total_waste_mass)
    assert m.b7.total_waste_diverted_mass <= m.b7.total_waste_mass
    for stream in m.b7.waste_streams or []:
        assert close(stream.diverted_to_recycling_or_reuse_mass + stream.directed_to_disposal_mass, stream.total_mass)
    # B9, B10
    assert close(m.b9.recordable_accidents / m.b9.hours_worked * 200_000, m.b9.accident_rate) or m.b9.accident_rate == round(
        m.b9.recordable_accidents / m.b9.hours_worked * 200_000, 2
    )
    assert 0 <= m.b10.cba_coverage <= 100
    # C8 revenues do not exceed turnover
    assert m.c8 and m.c8.turnover_reference == m.b1.turnover
    if m.c8.has_revenues_from_listed_sectors:
        assert m.c8.revenue_fossil_fuels_total <= m.b1.turnover
        assert close(m.c8.revenue_coal + m.c8.revenue_oil + m.c8.revenue_gas, m.c8.revenue_fossil_fuels_total)


def test_full_report_is_consistent() -> None:
    _consistent(full_report())


def test_dataset_shape() -> None:
    data = sample_dataset()
    assert len(data.companies) == 6
    sizes = sorted(c.employee_count or 0 for c in data.companies)
    assert sizes[-1] >= 150 and any(50 <= s < 150 for s in sizes) and sizes[0] < 10
    assert {c.primary_country for c in data.companies} >= {"DE", "FR", "IT"}
    assert {r.reporting_year for r in data.reports} == {2023, 2024, 2025}
    assert {r.status.value for r in data.reports} == {"draft", "in-progress", "completed"}
    assert {r.reporting_option.value for r in data.reports if r.reporting_option} == {"A", "B"}
    keys = [(r.company_id, r.reporting_year) for r in data.reports]
    assert len(keys) == len(set(keys))
    company_ids = {c.id for c in data.companies}
    assert all(r.company_id in company_ids for r in data.reports)
    assert all(m.company_id in company_ids for u in data.users for m in u.company_memberships)


def test_dataset_reports_are_consistent_except_findings() -> None:
    data = sample_dataset()
    by_id = {c.id: c.organization_number for c in data.companies}
    for report in data.reports:
        key = f"{by_id[report.company_id]}/{report.reporting_year}"
        if key in data.findings or report.modules.b1 is None:
            continue
        _consistent(report)


@pytest.mark.parametrize("key", ["REA-MI-2034567/2025", "NO-923456789/2024"])
def test_findings_are_present(key: str) -> None:
    data = sample_dataset()
    org, year = key.split("/")
    company = next(c for c in data.companies if c.organization_number == org)
    report = next(r for r in data.reports if r.company_id == company.id and r.reporting_year == int(year))
    assert key in data.findings
    if org.startswith("REA"):
        assert report.modules.b3 and report.modules.b3.scope1_emissions is None
    else:
        b8, b1 = report.modules.b8, report.modules.b1
        assert b8 and b1
        total = b8.male_employees + b8.female_employees + b8.other_gender_employees + b8.not_reported_gender_employees
        assert total != b1.number_of_employees
