"""Deterministic sample data: companies, users and VSME reports for development and tests.

Everything is pure (no I/O) and deterministic: identifiers are derived from a hash of stable
keys (organisation number, year), so seeding the same data twice is idempotent. Documents are
built with `documents.base.build_document`, so they can be created before Beanie is initialised.

* `full_company` / `minimal_company`: one company;
* `full_report`: every disclosure B1-C9 filled, internally consistent (sums add up);
* `minimal_report`: a draft with only the identifying fields;
* `sample_dataset`: ~6 companies x 2023-2025 with deliberate findings for validation.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from beanie import PydanticObjectId

from documents import Company, Report, User
from documents.enums import (
    BasisForReporting,
    CbaCoverageBand,
    CodeOfConductContent,
    ComprehensiveDisclosure,
    EmployeeCountingMethodology,
    EmployeeCountType,
    FuelUnit,
    LegalForm,
    MassUnit,
    Pollutant,
    PollutionMedium,
    ReportingOption,
    RiskLevel,
    Scope3Category,
    SiteTenure,
    SustainabilityIssue,
    TargetScope,
)
from documents.report import ReportStatus, StandardEdition
from documents.user import MembershipRole

__all__ = [
    "SampleDataset",
    "full_company",
    "full_report",
    "minimal_company",
    "minimal_report",
    "sample_dataset",
    "sample_object_id",
]

_EPOCH = datetime(2024, 1, 15, 9, 0, tzinfo=UTC)

# Emission factors used to make the sample B3 figures plausible (not reference data).
_NATURAL_GAS_T_PER_MWH = 0.202  # tCO2e per MWh (NCV), order of magnitude of DESNZ/IPCC values
_GRID_T_PER_MWH = {"DE": 0.380, "FR": 0.056, "IT": 0.257, "NO": 0.019, "ES": 0.150, "BE": 0.150, "AT": 0.110}
_RESIDUAL_MIX_T_PER_MWH = 0.450


def sample_object_id(*parts: object) -> PydanticObjectId:
    """A stable ObjectId derived from ``parts`` (same input, same id)."""
    digest = hashlib.sha256("|".join(str(part) for part in ("vsme-sample", *parts)).encode()).digest()
    return PydanticObjectId(digest[:12])


def _r(value: float, digits: int = 2) -> float:
    return round(value, digits)


@dataclass(frozen=True, slots=True)
class _Profile:
    """Company figures a report is derived from."""

    org_number: str
    name: str
    country: str
    nace_codes: tuple[str, ...]
    legal_form: LegalForm
    employees: int
    employee_count_type: EmployeeCountType
    turnover: float
    balance_sheet_total: float
    city: str
    postal_code: str
    street: str
    latitude: float
    longitude: float
    second_country: str | None = None
    manufacturing: bool = False
    website: str | None = None


_DEFAULT = _Profile(
    org_number="HRB-100001",
    name="Nordlicht Maschinenbau GmbH",
    country="DE",
    nace_codes=("28.41", "33.12"),
    legal_form=LegalForm.PRIVATE_LIMITED_LIABILITY,
    employees=180,
    employee_count_type=EmployeeCountType.HEADCOUNT,
    turnover=32_000_000.0,
    balance_sheet_total=21_500_000.0,
    city="Bielefeld",
    postal_code="33602",
    street="Industriestraße 12",
    latitude=52.02182,
    longitude=8.53112,
    second_country="AT",
    manufacturing=True,
    website="https://nordlicht-maschinenbau.example",
)


def _sites(profile: _Profile) -> list[dict[str, object]]:
    sites: list[dict[str, object]] = [
        {
            "identifier": f"{profile.org_number}-HQ",
            "name": "Headquarters",
            "address": profile.street,
            "postal_code": profile.postal_code,
            "city": profile.city,
            "country": profile.country,
            "latitude": profile.latitude,
            "longitude": profile.longitude,
            "tenure": SiteTenure.OWNED,
        }
    ]
    if profile.manufacturing or profile.second_country:
        sites.append(
            {
                "identifier": f"{profile.org_number}-S2",
                "name": "Warehouse",
                "address": "Am Hafen 3" if profile.country == "DE" else "Via del Porto 3",
                "postal_code": "10001",
                "city": profile.city,
                "country": profile.country,
                "latitude": _r(profile.latitude + 0.01234, 5),
                "longitude": _r(profile.longitude - 0.02345, 5),
                "tenure": SiteTenure.LEASED,
            }
        )
    return sites


def _company_fields(profile: _Profile) -> dict[str, object]:
    return {
        "id": sample_object_id("company", profile.org_number),
        "name": profile.name,
        "organization_id": f"org-{profile.org_number.lower()}",
        "organization_number": profile.org_number,
        "address": {
            "street": profile.street,
            "postal_code": profile.postal_code,
            "city": profile.city,
            "country": profile.country,
        },
        "website": profile.website,
        "contact_person": {
            "name": "Alex Example",
            "title": "Head of Sustainability",
            "email": f"sustainability@{profile.org_number.lower()}.example",
        },
        "legal_form": profile.legal_form,
        "nace_codes": list(profile.nace_codes),
        "balance_sheet_size": profile.balance_sheet_total,
        "turnover": profile.turnover,
        "employee_count": float(profile.employees),
        "employee_count_type": profile.employee_count_type,
        "primary_country": profile.country,
        "site_locations": _sites(profile),
        "created_at": _EPOCH,
        "updated_at": _EPOCH,
    }


def full_company(profile: _Profile | None = None, **overrides: object) -> Company:
    """A company with every profile field filled (defaults: a 180-employee German manufacturer)."""
    return Company.build({**_company_fields(profile or _DEFAULT), **overrides})


def minimal_company(org_number: str = "MIN-0001", name: str = "Minimal Example Ltd", **overrides: object) -> Company:
    """A company with only a name and an organisation number."""
    return Company.build(
        {"id": sample_object_id("company", org_number), "name": name, "organization_number": org_number, **overrides}
    )


def _profile_of(company: Company | None) -> _Profile:
    if company is None:
        return _DEFAULT
    known = {profile.org_number: profile for profile in _PROFILES}.get(company.organization_number or "")
    if known is not None:
        return known
    read = company.profile()  # the profile as the pipeline reads it (every source shape)
    address = read.address
    site = read.sites[0] if read.sites else None
    return _Profile(
        org_number=read.organization_number or "UNKNOWN",
        name=read.name or "Unnamed",
        country=read.primary_country or (address.country if address and address.country else "DE"),
        nace_codes=tuple(read.nace_codes or ("70.22",)),
        legal_form=read.legal_form or LegalForm.PRIVATE_LIMITED_LIABILITY,
        employees=int(read.number_of_employees or 10),
        employee_count_type=read.employee_count_type or EmployeeCountType.HEADCOUNT,
        turnover=read.turnover or 1_000_000.0,
        balance_sheet_total=read.balance_sheet_total or 500_000.0,
        city=(address.city if address else None) or "Berlin",
        postal_code=(address.postal_code if address else None) or "10115",
        street=(address.street if address else None) or "Hauptstraße 1",
        latitude=(site.latitude if site and site.latitude is not None else 52.52),
        longitude=(site.longitude if site and site.longitude is not None else 13.405),
        second_country=next(
            (s.country for s in read.sites or [] if s.country and s.country != read.primary_country),
            None,
        ),
        manufacturing=any(code[:2].isdigit() and 10 <= int(code[:2]) <= 33 for code in read.nace_codes or []),
        website=read.website,
    )


# --------------------------------------------------------------------------- module builders


def _b1(p: _Profile) -> dict[str, object]:
    return {
        "basis_for_reporting": BasisForReporting.CONSOLIDATED if p.second_country else BasisForReporting.INDIVIDUAL,
        "subsidiaries": (
            [{"identifier": "SUB-1", "name": f"{p.name} Austria GmbH", "registered_address": "Ringstraße 1, 1010 Wien, AT"}]
            if p.second_country
            else []
        ),
        "legal_form": p.legal_form,
        "other_legal_form": None,
        "nace_codes": list(p.nace_codes),
        "balance_sheet_total": p.balance_sheet_total,
        "turnover": p.turnover,
        "number_of_employees": float(p.employees),
        "employee_count_type": p.employee_count_type,
        "employee_counting_methodology": EmployeeCountingMethodology.END_OF_PERIOD,
        "primary_country": p.country,
        "sites": _sites(p),
        "has_sustainability_certifications": True,
        "sustainability_certifications": "ISO 14001:2015, issued by TÜV, valid until 2027; EcoVadis Silver (score 62).",
    }


def _b2_issues() -> list[SustainabilityIssue]:
    """Issues with measures in place (the others are simply not listed)."""
    return [issue for index, issue in enumerate(SustainabilityIssue) if index % 3 != 2]


def _b2(p: _Profile) -> dict[str, object]:
    cooperative = p.legal_form is LegalForm.COOPERATIVE
    rows = []
    for index, issue in enumerate(_b2_issues()):
        rows.append(
            {
                "issue": issue,
                "has_practices": True,
                "has_policies": index % 2 == 0,
                "has_future_initiatives": index % 4 == 0,
                "publicly_available": index % 2 == 0,
                "has_targets": issue is SustainabilityIssue.CLIMATE_CHANGE,
            }
        )
    return {
        "has_practices_policies_or_initiatives": True,
        "issues": rows,
        "is_cooperative": cooperative,
        "governance_participation": "Members elect the board at the annual general assembly." if cooperative else None,
        "social_economy_investment": 25_000.0 if cooperative else None,
        "profit_distribution_limits": "At least 50 % of profits go to the reserve fund." if cooperative else None,
    }


def _b3(p: _Profile, year: int) -> dict[str, object]:
    scale = p.employees / 50 * (1 - 0.03 * (year - 2023))
    grid = _GRID_T_PER_MWH.get(p.country, 0.3)

    electricity_renewable = _r(120 * scale)
    electricity_non_renewable = _r(80 * scale)
    electricity_total = electricity_renewable + electricity_non_renewable
    self_generated_renewable = _r(30 * scale)
    self_generated_non_renewable = 0.0
    self_generated_total = self_generated_renewable + self_generated_non_renewable
    fuels_renewable = 0.0
    fuels_non_renewable = _r(150 * scale) if p.manufacturing else _r(40 * scale)
    fuels_total = fuels_renewable + fuels_non_renewable
    total_renewable = electricity_renewable + self_generated_renewable + fuels_renewable
    total_non_renewable = electricity_non_renewable + self_generated_non_renewable + fuels_non_renewable
    total_energy = electricity_total + self_generated_total + fuels_total

    scope1 = _r(fuels_non_renewable * _NATURAL_GAS_T_PER_MWH)
    scope2_lb = _r(electricity_total * grid)
    scope2_mb = _r(electricity_non_renewable * _RESIDUAL_MIX_T_PER_MWH)
    categories = [
        (Scope3Category.PURCHASED_GOODS_AND_SERVICES, _r(420 * scale)),
        (Scope3Category.BUSINESS_TRAVEL, _r(12.5 * scale)),
        (Scope3Category.EMPLOYEE_COMMUTING, _r(25.5 * scale)),
    ]
    scope3 = sum(value for _, value in categories)
    s12_lb = scope1 + scope2_lb
    s12_mb = scope1 + scope2_mb
    return {
        "total_energy_consumption": total_energy,
        "energy_breakdown_obtainable": True,
        "electricity": {
            "renewable": electricity_renewable,
            "non_renewable": electricity_non_renewable,
            "total": electricity_total,
        },
        "self_generated_electricity": {
            "renewable": self_generated_renewable,
            "non_renewable": self_generated_non_renewable,
            "total": self_generated_total,
        },
        "fuels": {"renewable": fuels_renewable, "non_renewable": fuels_non_renewable, "total": fuels_total},
        "total_renewable_energy": total_renewable,
        "total_non_renewable_energy": total_non_renewable,
        "fuel_activities": [
            {
                "fuel": "Natural gas",
                "quantity": fuels_non_renewable * 1000,
                "unit": FuelUnit.KWH,
                "site_identifier": f"{p.org_number}-HQ",
                "energy_mwh": fuels_non_renewable,
                "emissions": scope1,
            }
        ],
        "electricity_activities": [
            {
                "country": p.country,
                "consumption_kwh": electricity_total * 1000,
                "renewable_share": _r(electricity_renewable / electricity_total * 100),
                "self_generated": False,
                "supplier_emission_factor": None,
                "site_identifier": f"{p.org_number}-HQ",
                "emissions_location_based": scope2_lb,
                "emissions_market_based": scope2_mb,
            },
            {
                "country": p.country,
                "consumption_kwh": self_generated_total * 1000,
                "renewable_share": 100.0,
                "self_generated": True,
                "site_identifier": f"{p.org_number}-HQ",
                "emissions_location_based": 0.0,
                "emissions_market_based": 0.0,
            },
        ],
        "ghg_accounting_standard": "GHG Protocol Corporate Standard (2004)",
        "emission_factor_sources": "UK DESNZ 2024 (fuels); EEA 2023 grid intensity (location-based); AIB residual mix",
        "scope1_emissions": scope1,
        "scope2_location_based_emissions": scope2_lb,
        "scope2_market_based_emissions": scope2_mb,
        "total_scope1_and_scope2_location_based": s12_lb,
        "total_scope1_and_scope2_market_based": s12_mb,
        "reports_scope3": True,
        "scope3_emissions": scope3,
        "scope3_categories": [
            {"category": category, "emissions": value, "methodology": "spend-based"} for category, value in categories
        ],
        "total_location_based_emissions": s12_lb + scope3,
        "total_market_based_emissions": s12_mb + scope3,
        "ghg_intensity_location_based": s12_lb / p.turnover,
        "ghg_intensity_market_based": s12_mb / p.turnover,
        "total_ghg_intensity_location_based": (s12_lb + scope3) / p.turnover,
        "total_ghg_intensity_market_based": (s12_mb + scope3) / p.turnover,
    }


def _b4(p: _Profile) -> dict[str, object]:
    if not p.manufacturing:
        return {"required_by_law_or_ems": False, "publicly_available": None, "public_disclosure_url": None, "pollutants": []}
    return {
        "required_by_law_or_ems": True,
        "publicly_available": False,
        "public_disclosure_url": None,
        "pollutants": [
            {"pollutant": Pollutant.NITROGEN_OXIDES_NOX_NO2, "medium": PollutionMedium.AIR, "amount": 1.2, "unit": MassUnit.TONNE},
            {"pollutant": Pollutant.NON_METHANE_VOLATILE_ORGANIC_COMPOUNDS_NMVOC, "medium": PollutionMedium.AIR, "amount": 0.45, "unit": MassUnit.TONNE},
            {"pollutant": Pollutant.ZINC_AND_COMPOUNDS_ZN, "medium": PollutionMedium.WATER, "amount": 3.5, "unit": MassUnit.KILOGRAM},
        ],
    }


def _b5(p: _Profile) -> dict[str, object]:
    return {
        "has_sites_in_or_near_sensitive_areas": True,
        "number_of_sites_in_or_near_sensitive_areas": 1.0,
        "total_area_in_or_near_sensitive_areas": 2.5,
        "sites": [
            {
                "site_identifier": f"{p.org_number}-HQ",
                "site_name": "Headquarters",
                "in_sensitive_area": False,
                "near_sensitive_area": True,
                "area": 2.5,
                "sensitive_area_name": "Natura 2000 site (adjacent)",
            }
        ],
        "total_use_of_land": 5.0,
        "total_sealed_area": 3.25,
        "total_nature_oriented_area_on_site": 0.75,
        "total_nature_oriented_area_off_site": 1.0,
    }


def _b6(p: _Profile, year: int) -> dict[str, object]:
    withdrawal = _r(p.employees * 24 * (1 - 0.02 * (year - 2023)))
    discharge = _r(withdrawal * 0.8)
    return {
        "total_water_withdrawal": withdrawal,
        "water_withdrawal_high_stress_areas": 0.0,
        "has_water_intensive_processes": p.manufacturing,
        "water_discharge": discharge if p.manufacturing else None,
        "water_consumption": withdrawal - discharge if p.manufacturing else None,
    }


def _b7(p: _Profile) -> dict[str, object]:
    scale = p.employees / 50
    packaging = {"diverted": _r(12 * scale), "disposal": _r(3 * scale)}
    oil = {"diverted": _r(0.8 * scale), "disposal": _r(0.2 * scale)}
    streams = [
        {
            "waste_type": "Mixed packaging",
            "ewc_code": "15 01 06",
            "hazardous": False,
            "radioactive": False,
            "diverted_to_recycling_or_reuse_mass": packaging["diverted"],
            "directed_to_disposal_mass": packaging["disposal"],
            "total_mass": packaging["diverted"] + packaging["disposal"],
        },
        {
            "waste_type": "Mineral-based non-chlorinated engine, gear and lubricating oils",
            "ewc_code": "13 02 05*",
            "hazardous": True,
            "radioactive": False,
            "diverted_to_recycling_or_reuse_mass": oil["diverted"],
            "directed_to_disposal_mass": oil["disposal"],
            "total_mass": oil["diverted"] + oil["disposal"],
        },
    ]
    hazardous = oil["diverted"] + oil["disposal"]
    non_hazardous = packaging["diverted"] + packaging["disposal"]
    materials = (
        [
            {"identifier": "MAT-1", "name": "Steel", "weight": _r(120 * scale)},
            {"identifier": "MAT-2", "name": "Plastics", "weight": _r(30 * scale)},
        ]
        if p.manufacturing
        else []
    )
    return {
        "applies_circular_economy_principles": True,
        "circular_economy_description": "Take-back of packaging from customers; remanufacturing of returned parts.",
        "only_household_waste": False,
        "waste_streams": streams,
        "total_hazardous_waste_mass": hazardous,
        "total_non_hazardous_waste_mass": non_hazardous,
        "total_waste_mass": hazardous + non_hazardous,
        "total_waste_diverted_mass": packaging["diverted"] + oil["diverted"],
        "total_waste_disposed_mass": packaging["disposal"] + oil["disposal"],
        "material_flow_relevant": p.manufacturing,
        "materials": materials,
        "total_mass_of_materials_used": sum(m["weight"] for m in materials) if materials else None,  # type: ignore[misc]
    }


def _b8(p: _Profile) -> dict[str, object]:
    n = p.employees
    temporary = round(n * 0.1)
    male = round(n * 0.55)
    other = 1 if n >= 100 else 0
    female = n - male - other
    left = round(n * 0.12)
    start = n - 2
    if p.second_country:
        abroad = round(n * 0.2)
        by_country = [
            {"country": p.country, "number_of_employees": float(n - abroad)},
            {"country": p.second_country, "number_of_employees": float(abroad)},
        ]
    else:
        by_country = None
    return {
        "permanent_employees": float(n - temporary),
        "temporary_employees": float(temporary),
        "male_employees": float(male),
        "female_employees": float(female),
        "other_gender_employees": float(other),
        "not_reported_gender_employees": 0.0,
        "operates_in_more_than_one_country": p.second_country is not None,
        "employees_by_country": by_country,
        "employees_at_start_of_period": float(start),
        "employees_at_end_of_period": float(n),
        "employees_who_left": float(left),
        "employee_turnover_rate": _r(left / ((start + n) / 2) * 100),
    }


def _b9(p: _Profile) -> dict[str, object]:
    accidents = 2.0 if p.employees >= 20 else 0.0
    hours = p.employees * 1650.0
    return {
        "recordable_accidents": accidents,
        "hours_worked": hours,
        "hours_per_full_time_employee": 1650.0,
        "accident_rate": _r(accidents / hours * 200_000),
        "fatalities": 0.0,
        "fatalities_from_injuries": 0.0,
        "fatalities_from_ill_health": 0.0,
    }


def _band(percent: float) -> CbaCoverageBand:
    for band in CbaCoverageBand:
        high = float(band.value.split("-")[1])
        if percent < high + 1:
            return band
    return CbaCoverageBand.BAND_80_100


def _b10(p: _Profile) -> dict[str, object]:
    b8 = _b8(p)
    male, female = float(b8["male_employees"]), float(b8["female_employees"])  # type: ignore[arg-type]
    other = float(b8["other_gender_employees"])  # type: ignore[arg-type]
    covered = float(round(p.employees * 0.8))
    hours = {"male": male * 12, "female": female * 14, "other": other * 10}
    averages = {
        "male": hours["male"] / male if male else None,
        "female": hours["female"] / female if female else None,
        "other": hours["other"] / other if other else None,
    }
    present = [value for value in averages.values() if value is not None]
    coverage = _r(covered / p.employees * 100)
    return {
        "pays_at_least_minimum_wage": True,
        "average_gross_hourly_pay_male": 24.0,
        "average_gross_hourly_pay_female": 21.6,
        "gender_pay_gap": _r((24.0 - 21.6) / 24.0 * 100),
        "employees_covered_by_cba": covered,
        "cba_coverage": coverage,
        "cba_coverage_band": _band(coverage),
        "training_hours_male": hours["male"],
        "training_hours_female": hours["female"],
        "training_hours_other_gender": hours["other"] if other else None,
        "training_hours_not_reported_gender": None,
        "average_training_hours_male": averages["male"],
        "average_training_hours_female": averages["female"],
        "average_training_hours_other_gender": averages["other"],
        "average_training_hours_not_reported_gender": None,
        "average_training_hours": sum(present) / len(present),
    }


def _b11() -> dict[str, object]:
    return {"has_convictions_or_fines": False, "number_of_convictions": None, "total_fines": None}


def _c_modules(p: _Profile, b3: dict[str, object], year: int) -> dict[str, dict[str, object] | None]:
    scope1 = float(b3["scope1_emissions"])  # type: ignore[arg-type]
    scope2 = float(b3["scope2_location_based_emissions"])  # type: ignore[arg-type]
    gas_revenue = _r(p.turnover * 0.02) if "35" in {code[:2] for code in p.nace_codes} else 0.0
    active = gas_revenue > 0

    def target(scope: TargetScope, current: float) -> dict[str, object]:
        base = _r(current * 1.15)
        goal = _r(base * 0.58)
        return {
            "scope": scope,
            "base_year": 2022,
            "base_year_value": base,
            "target_year": 2030,
            "target_year_value": goal,
            "unit": "tCO2e",
            "coverage_share": 100.0,
            "reduction_percentage": _r((1 - goal / base) * 100),
        }

    return {
        "c1": {
            "products_and_services": "Design and manufacture of products and related services.",
            "significant_markets": f"B2B customers in {p.country} and neighbouring EU countries.",
            "main_business_relationships": "About 120 suppliers (metals, electronics, logistics) in DE, PL and CZ; "
            "40 key industrial customers; direct sales.",
            "has_sustainability_strategy_elements": True,
            "key_strategy_elements": "Electrification of processes and a product take-back scheme.",
        },
        "c2": {
            "descriptions": [
                {
                    "issue": issue,
                    "type": "policy" if index % 2 == 0 else "practice",
                    "description": f"{issue.value.replace('_', ' ').capitalize()}: measures for own operations.",
                    "covers_suppliers": issue is SustainabilityIssue.CLIMATE_CHANGE,
                    "covers_clients": False,
                    "target_description": (
                        "Reduce Scope 1 and 2 emissions by 42 % by 2030 against 2022."
                        if issue is SustainabilityIssue.CLIMATE_CHANGE
                        else None
                    ),
                }
                for index, issue in enumerate(_b2_issues())
            ],
            "most_senior_level_accountable": "Managing director",
        },
        "c3": {
            "has_targets": True,
            "targets": [target(TargetScope.SCOPE_1, scope1), target(TargetScope.SCOPE_2_LOCATION_BASED, scope2)],
            "main_actions": "Heat pumps replacing gas boilers; green electricity contract; LED retrofit.",
            "operates_in_high_climate_impact_sector": p.manufacturing,
            "has_transition_plan": False,
            "transition_plan_description": None,
            "transition_plan_will_be_adopted": True,
            "transition_plan_adoption_date": date(year + 1, 6, 30),
        },
        "c4": {
            "has_climate_risks": True,
            "hazards_and_transition_events": "Heatwaves and river flooding (acute); rising carbon prices (policy).",
            "exposure_assessment": "Site-level screening with public flood maps and supplier questionnaire.",
            "time_horizons": "Short term (1 year) for carbon prices; long term (> 5 years) for flooding.",
            "has_adaptation_actions": True,
            "adaptation_actions": "Flood barriers at the warehouse; cooling for the production hall.",
            "potential_adverse_effects": "Moderate cost increase from carbon pricing; production stops during floods.",
            "potential_adverse_effects_rating": RiskLevel.MEDIUM,
        },
        "c5": {
            "female_managers": 3.0,
            "male_managers": 6.0,
            "female_to_male_ratio_management": 0.5,
            "self_employed_workers": 2.0,
            "temporary_agency_workers": 4.0,
        }
        if p.employees >= 50
        else None,
        "c6": {
            "has_code_of_conduct": True,
            "code_of_conduct_content": list(CodeOfConductContent),
            "other_content_specification": "Freedom of association",
            "has_complaint_mechanism": True,
        },
        "c7": {
            "has_confirmed_incidents": False,
            "incident_types": [],
            "other_incident_specification": None,
            "actions_taken": None,
            "aware_of_value_chain_incidents": False,
            "value_chain_incidents_specification": None,
        },
        "c8": {
            "has_revenues_from_listed_sectors": active,
            "revenue_controversial_weapons": 0.0 if active else None,
            "revenue_tobacco": 0.0 if active else None,
            "revenue_coal": 0.0 if active else None,
            "revenue_oil": 0.0 if active else None,
            "revenue_gas": gas_revenue if active else None,
            "revenue_fossil_fuels_total": gas_revenue if active else None,
            "revenue_chemicals": 0.0 if active else None,
            "revenue_high_intensity_electricity_generation": 0.0 if active else None,
            "turnover_reference": p.turnover,
            "excluded_from_eu_paris_aligned_benchmarks": False,
        },
        "c9": {
            "has_governance_body": True,
            "female_board_members": 2.0,
            "male_board_members": 3.0,
            "gender_diversity_ratio": _r(2 / 3, 4),
        },
    }


def _timestamps(year: int, status: ReportStatus) -> dict[str, object]:
    created = datetime(year + 1, 1, 20, 8, 30, tzinfo=UTC) if year < 2025 else datetime(2025, 11, 3, 8, 30, tzinfo=UTC)
    updated = created.replace(month=created.month + 1) if status is ReportStatus.COMPLETED else created.replace(day=28)
    return {"created_at": created, "updated_at": updated, "last_modified_by": "user_sample"}


def full_report(
    company_id: PydanticObjectId | None = None,
    year: int = 2024,
    *,
    company: Company | None = None,
    option: ReportingOption = ReportingOption.B,
    status: ReportStatus = ReportStatus.COMPLETED,
    selected_comprehensive: tuple[ComprehensiveDisclosure, ...] = (),
    first_reporting_year: int | None = 2023,
) -> Report:
    """A report with every disclosure B1-C9 filled and internally consistent.

    Figures are derived from ``company`` (defaults to `full_company`): B8 splits sum to B1
    employees, B3 breakdown rows sum to the total, hazardous + non-hazardous = total waste,
    water consumption = withdrawal - discharge, C8 fossil revenues <= turnover, etc.
    Comprehensive modules are filled even for option A (FAQ #19: cells stay fillable).
    """
    profile = _profile_of(company)
    if company_id is None:
        company_id = company.id if company is not None and company.id is not None else sample_object_id(
            "company", profile.org_number
        )
    b3 = _b3(profile, year)
    modules: dict[str, object] = {
        "b1": _b1(profile),
        "b2": _b2(profile),
        "b3": b3,
        "b4": _b4(profile),
        "b5": _b5(profile),
        "b6": _b6(profile, year),
        "b7": _b7(profile),
        "b8": _b8(profile),
        "b9": _b9(profile),
        "b10": _b10(profile),
        "b11": _b11(),
        **_c_modules(profile, b3, year),
    }
    return Report.build(
        {
            "id": sample_object_id("report", company_id, year),
            "company_id": company_id,
            "reporting_year": year,
            "status": status,
            "reporting_option": option,
            "selected_comprehensive": list(selected_comprehensive),
            "standard_edition": StandardEdition.REC_2025_1710 if year >= 2025 else StandardEdition.EFRAG_2024_12,
            "currency": "EUR",
            "reporting_period_start": date(year, 1, 1),
            "reporting_period_end": date(year, 12, 31),
            "first_reporting_year": first_reporting_year,
            "omitted_disclosures": [],
            "general_disclosures": {
                "other_general_information": "Report prepared with VSME Guru.",
                "contains_unchanged_disclosures": False,
                "unchanged_disclosures": [],
            },
            "modules": modules,
            "metadata": _timestamps(year, status),
            "version": 3 if status is ReportStatus.COMPLETED else 1,
        }
    )


def minimal_report(
    company_id: PydanticObjectId | None = None,
    year: int = 2025,
    *,
    status: ReportStatus = ReportStatus.DRAFT,
) -> Report:
    """A freshly created draft: identifiers and defaults only, no module data."""
    company_id = company_id or sample_object_id("company", "MIN-0001")
    return Report.build({"id": sample_object_id("report", company_id, year), "company_id": company_id, "reporting_year": year, "status": status})


# --------------------------------------------------------------------------- dataset


@dataclass(slots=True)
class SampleDataset:
    """Development data: companies and users (scope321) and reports (vsme_guru)."""

    companies: list[Company] = field(default_factory=list)
    users: list[User] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)
    findings: dict[str, str] = field(default_factory=dict)
    """Deliberate problems, keyed ``"<org number>/<year>"``, for validation demos."""


_PROFILES: tuple[_Profile, ...] = (
    _DEFAULT,
    _Profile(
        org_number="RCS-PARIS-812345678",
        name="Brasserie du Parc SARL",
        country="FR",
        nace_codes=("56.11",),
        legal_form=LegalForm.PRIVATE_LIMITED_LIABILITY,
        employees=9,
        employee_count_type=EmployeeCountType.HEADCOUNT,
        turnover=850_000.0,
        balance_sheet_total=310_000.0,
        city="Lyon",
        postal_code="69006",
        street="12 Boulevard des Belges",
        latitude=45.77312,
        longitude=4.85224,
    ),
    _Profile(
        org_number="REA-MI-2034567",
        name="Verde Logistica S.r.l.",
        country="IT",
        nace_codes=("49.41", "52.10"),
        legal_form=LegalForm.PRIVATE_LIMITED_LIABILITY,
        employees=64,
        employee_count_type=EmployeeCountType.HEADCOUNT,
        turnover=11_800_000.0,
        balance_sheet_total=6_400_000.0,
        city="Milano",
        postal_code="20139",
        street="Via Toffetti 104",
        latitude=45.43956,
        longitude=9.22617,
    ),
    _Profile(
        org_number="NO-923456789",
        name="Fjord Digital AS",
        country="NO",
        nace_codes=("62.10",),
        legal_form=LegalForm.PRIVATE_LIMITED_LIABILITY,
        employees=35,
        employee_count_type=EmployeeCountType.FTE,
        turnover=5_200_000.0,
        balance_sheet_total=2_100_000.0,
        city="Bergen",
        postal_code="5003",
        street="Bryggen 7",
        latitude=60.39793,
        longitude=5.32415,
    ),
    _Profile(
        org_number="ES-F12345678",
        name="Huerta Solar Sociedad Cooperativa",
        country="ES",
        nace_codes=("35.11",),
        legal_form=LegalForm.COOPERATIVE,
        employees=22,
        employee_count_type=EmployeeCountType.HEADCOUNT,
        turnover=4_300_000.0,
        balance_sheet_total=9_800_000.0,
        city="Sevilla",
        postal_code="41001",
        street="Calle Sierpes 40",
        latitude=37.39041,
        longitude=-5.99468,
    ),
    _Profile(
        org_number="BE-0712345678",
        name="Atelier Bois Vert SRL",
        country="BE",
        nace_codes=("16.23",),
        legal_form=LegalForm.PRIVATE_LIMITED_LIABILITY,
        employees=8,
        employee_count_type=EmployeeCountType.HEADCOUNT,
        turnover=690_000.0,
        balance_sheet_total=420_000.0,
        city="Namur",
        postal_code="5000",
        street="Rue de Fer 25",
        latitude=50.46542,
        longitude=4.86742,
        manufacturing=True,
    ),
)

_YEARS = (2023, 2024, 2025)


def _user_for(company: Company, index: int) -> User:
    return User.build(
        {
            "id": sample_object_id("user", company.organization_number),
            "clerk_id": f"user_sample_{index:02d}",
            "organization_id": company.organization_id or f"org_sample_{index:02d}",
            "email": f"owner{index:02d}@example.com",
            "name": f"Sample Owner {index:02d}",
            "company_memberships": [{"company_id": company.id, "role": MembershipRole.OWNER}],
            "created_at": _EPOCH,
            "updated_at": _EPOCH,
        }
    )


def sample_dataset() -> SampleDataset:
    """~6 companies (micro, small, medium; DE, FR, IT, NO, ES, BE) with reports for 2023-2025.

    Statuses and options vary; two deliberate findings are recorded in ``findings``:

    * Verde Logistica 2025 (in progress): B3 Scope 1 emissions missing;
    * Fjord Digital 2024: B8 gender split does not add up to the B1 employee count.
    """
    dataset = SampleDataset()
    for index, profile in enumerate(_PROFILES, start=1):
        company = full_company(profile)
        dataset.companies.append(company)
        dataset.users.append(_user_for(company, index))
        option = ReportingOption.B if profile.employees >= 150 or profile.legal_form is LegalForm.COOPERATIVE else ReportingOption.A
        selected = (ComprehensiveDisclosure.C3, ComprehensiveDisclosure.C8) if profile.org_number.startswith("REA") else ()
        for year in _YEARS:
            if profile.org_number.startswith("BE-") and year == 2023:
                continue  # joined the platform in 2024
            status = ReportStatus.COMPLETED if year < 2025 else (
                ReportStatus.IN_PROGRESS if index % 2 == 1 else ReportStatus.DRAFT
            )
            if profile.org_number.startswith("BE-") and year == 2025:
                dataset.reports.append(minimal_report(company.id, year))
                continue
            report = full_report(
                company.id,
                year,
                company=company,
                option=option,
                status=status,
                selected_comprehensive=selected,
                first_reporting_year=2024 if profile.org_number.startswith("BE-") else 2023,
            )
            dataset.reports.append(report)
    _inject_findings(dataset)
    return dataset


def _find(dataset: SampleDataset, org_number: str, year: int) -> Report:
    company = next(c for c in dataset.companies if c.organization_number == org_number)
    return next(r for r in dataset.reports if r.company_id == company.id and r.reporting_year == year)


def _inject_findings(dataset: SampleDataset) -> None:
    b3 = _find(dataset, "REA-MI-2034567", 2025).modules.b3
    if b3 is not None:  # Scope 1 not yet entered, so nothing derived from it either
        for name in ("scope1_emissions", "total_scope1_and_scope2_location_based",
                     "total_scope1_and_scope2_market_based", "total_location_based_emissions",
                     "total_market_based_emissions", "ghg_intensity_location_based", "ghg_intensity_market_based",
                     "total_ghg_intensity_location_based", "total_ghg_intensity_market_based"):
            setattr(b3, name, None)
        b3.fuel_activities = None
    dataset.findings["REA-MI-2034567/2025"] = "B3 scope1_emissions missing (in-progress report)"

    b8 = _find(dataset, "NO-923456789", 2024).modules.b8
    if b8 is not None and b8.female_employees is not None:
        b8.female_employees -= 2
    dataset.findings["NO-923456789/2024"] = "B8 gender split sums to 33, B1 reports 35 employees"
