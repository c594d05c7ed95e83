"""Snapshot -> facts: every reported value of a report as a VSME XBRL fact.

Input is a snapshot document of ``report_snapshots`` (``report``, ``company``, ``validation``,
``metrics``). Scalar fields carry their concept in the schema annotations (``xbrl``,
``xbrlMember``, ``unit``; see `documents.base`) and are mapped generically; tables (sites,
subsidiaries, energy breakdown, pollutants, biodiversity sites, waste, materials, employees per
country, C3 targets) and B2 have explicit handlers. The known traps and how they are solved:

* ``Site.latitude``/``longitude`` -> one ``GPSLocationOfSite`` string ``"lat,lon"``;
* B2 rows -> one enumeration **set** of the issues with any practice/policy/initiative, plus the
  two undertaking-level booleans (any row true); the practice/policy/initiative members belong to
  no table and are not written;
* ``TotalEnergyConsumption`` with Renewable/NonRenewable members and B7 diverted/disposed totals
  without a waste type are outside every (closed) table: not written, a note says so (the
  per-row facts carry the numbers);
* percentages stored 0-100 become fractions; monetary units follow ``Report.currency``; GHG
  intensity is ``utr:tCO2e/iso4217:<currency>``;
* countries -> ``country:XX``; NACE ``"47.21"`` -> ``nace:NACE_G4721`` (section letter looked up
  in the edition's NACE domain); EWC codes -> ``waste:`` members; a row without a member -> note;
* enumeration values -> expanded names (``namespace#local``), sets sorted and space-separated;
* finer 2026-05-01 omitted/unchanged disclosure codes -> not written in older editions (warning);
* C3 base/target-year totals derived from the scopes' targets (the report keeps no total target);
* Scope 3 per GHG Protocol category has no concept: kept beside the facts (``FactSet.scope3_categories``)
  for the template's category rows, not written as facts;
* entity: ``CompanyProfile.entity_identifier`` (LEI, EUID, DUNS, PermID, national register);
  without it the organisation number under a national-register scheme, with a warning.
"""

import calendar
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from pydantic import BaseModel

from documents.company import CompanyProfile
from documents.enums import DisclosureCode, xbrl_member
from documents.identifiers import national_registry_scheme
from documents.modules import ReportModules
from documents.report import ReportData
from vsme_pipeline.filing.facts import (
    Entity,
    Fact,
    FactSet,
    FilingNote,
    Period,
    decimal_of,
    decimals_for,
    format_number,
)
from vsme_pipeline.filing.taxonomy import Taxonomy, edition_for, load_taxonomy

__all__ = ["COMPANY_ID_SCHEME", "facts_from_report", "facts_from_snapshot", "report_period"]

COMPANY_ID_SCHEME = "https://vsme.guru/scheme/company-id"
"""Last-resort entity scheme: the VSME Guru company id (no LEI, EUID or registry number known)."""

_UNITS_BY_TYPE = {
    "energyItemType": "utr:MWh",
    "ghgEmissionsItemType": "utr:tCO2e",
    "massItemType": "utr:t",
    "volumeItemType": "utr:m3",
    "areaItemType": "utr:ha",
}


_MEMBER_RENAMES: dict[str, dict[str, str]] = {
    "2024-12-17": {
        "OptionABasicModuleOnlyMember": "BasicModuleOnlyMember",
        "OptionBBasicModuleAndComprehensiveModuleMember": "BasicModuleAndComprehensiveModuleMember",
    },
}
"""Members named differently in an edition than in `documents.enums` (which follows 2025-07-30)."""


def report_period(report: ReportData) -> Period:
    """The reporting period: the report's dates, else the calendar year."""
    start = report.reporting_period_start or date(report.reporting_year, 1, 1)
    end = report.reporting_period_end or date(report.reporting_year, 12, 31)
    return Period(start=start, end=end)


def _year_period(default: Period, year: int) -> Period:
    """Duration of ``year`` ending on the reporting period's month/day (as EFRAG's converter does)."""
    month, day = default.end.month, default.end.day
    day = min(day, calendar.monthrange(year, month)[1])
    end = date(year, month, day)
    start_year, start_month, start_day = year - 1, month, day + 1
    last = calendar.monthrange(start_year, start_month)[1]
    if start_day > last:
        start_day, start_month = 1, start_month + 1
        if start_month > 12:
            start_month, start_year = 1, start_year + 1
    return Period(start=date(start_year, start_month, start_day), end=end)


class _Builder:
    def __init__(self, taxonomy: Taxonomy, period: Period, currency: str, entity: Entity) -> None:
        self.taxonomy = taxonomy
        self.facts = FactSet(entity=entity, period=period, edition=taxonomy.edition, currency=currency)

    def note(self, severity: str, code: str, message: str, source: str = "") -> None:
        self.facts.notes.append(FilingNote(severity, code, message, source))

    # --- values -----------------------------------------------------------------------------
    def member_of(self, value: StrEnum) -> str:
        local = xbrl_member(value)
        return f"vsme:{_MEMBER_RENAMES.get(self.taxonomy.edition, {}).get(local, local)}"

    def add(
        self,
        local: str,
        value: Any,
        source: str,
        *,
        dims: Mapping[str, str] | None = None,
        typed: Iterable[str] = (),
        period: Period | None = None,
        unit: str | None = None,
        percent: bool = False,
    ) -> None:
        """Add a fact of ``vsme:<local>`` for a field value (``None`` and empty lists skipped)."""
        if value is None or (isinstance(value, (list, tuple, set)) and not value):
            return
        qname = f"vsme:{local}"
        concept = self.taxonomy.concept(qname)
        if concept is None:
            self.note("warning", "concept-not-in-edition", f"{qname} is not in taxonomy {self.taxonomy.edition}", source)
            return
        lexical: str
        kind = concept.type_local
        if concept.is_enumeration:
            members = [self._enum_member(v, source) for v in (value if isinstance(value, (list, tuple, set)) else [value])]
            known = sorted({self.taxonomy.expand(m) for m in members if m is not None})
            if not known:
                return
            lexical = " ".join(known) if concept.is_enumeration_set else known[0]
        elif kind == "booleanItemType":
            lexical = "true" if bool(value) else "false"
        elif kind == "gYearItemType":
            lexical = str(int(value))
        elif kind == "dateItemType":
            lexical = value.isoformat() if isinstance(value, date) else str(value)
        elif concept.numeric:
            number = decimal_of(float(value))
            if percent:
                number = number / 100  # exact in decimal: 28.40909090909091 % -> 0.2840909090909091
            lexical = format_number(number)
        else:
            lexical = str(value)
        fact_unit = unit if unit is not None else self._unit(kind)
        period = period or self.facts.period
        if concept.period_type == "instant":
            period = Period(end=period.end)
        cleaned = {axis: member for axis, member in (dims or {}).items() if self.taxonomy.defaults.get(axis) != member}
        self.facts.facts.append(
            Fact(
                concept=qname,
                value=lexical,
                period=period,
                unit=fact_unit if concept.numeric else None,
                decimals=decimals_for(concept.data_type) if concept.numeric else None,
                dimensions=tuple(sorted(cleaned.items())),
                typed=frozenset(typed),
                source=source,
            )
        )

    def _unit(self, kind: str) -> str | None:
        if kind == "monetaryItemType":
            return f"iso4217:{self.facts.currency}"
        if kind == "ghgEmissionsPerMonetaryItemType":
            return f"utr:tCO2e/iso4217:{self.facts.currency}"
        return _UNITS_BY_TYPE.get(kind)

    def _enum_member(self, value: Any, source: str) -> str | None:
        if isinstance(value, StrEnum):
            try:
                return self.member_of(value)
            except KeyError:
                self.note("warning", "enumeration-without-member", f"{value!r} has no taxonomy member", source)
                return None
        text = str(value)
        if len(text) == 2 and text.isalpha() and text.isupper():
            return f"country:{text}"
        member = self.taxonomy.nace_member(text)
        if member is None:
            self.note("error", "unknown-nace-code", f"NACE code {text!r} has no member in {self.taxonomy.edition}", source)
        return member

    # --- generic scalar fields ----------------------------------------------------------------
    def scalars(self, model: BaseModel | None, source: str, skip: Iterable[str] = ()) -> None:
        """Map every annotated scalar field of ``model`` (tables and rows are left to handlers)."""
        if model is None:
            return
        skipped = set(skip)
        for name, info in type(model).model_fields.items():
            extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
            concept = extra.get("xbrl")
            if name in skipped or not isinstance(concept, str):
                continue
            value = getattr(model, name)
            if isinstance(value, BaseModel) or (isinstance(value, list) and value and isinstance(value[0], BaseModel)):
                continue
            member = extra.get("xbrlMember")
            dims: dict[str, str] = {}
            path = f"{source}.{name}"
            if isinstance(member, str):
                placed = self.place_member(concept, f"vsme:{member}")
                if placed is None:
                    if value is not None:
                        self.note("info", "outside-closed-table",
                                  f"vsme:{concept} with vsme:{member} is in no table of the taxonomy: not written", path)
                    continue
                dims = placed
            self.add(concept, value, path, dims=dims, percent=extra.get("unit") == "%")

    def place_member(self, concept: str, member: str) -> dict[str, str] | None:
        """Dimensions putting ``member`` on its axis for ``concept`` (``{}`` for the default)."""
        for axis, default in self.taxonomy.defaults.items():
            if default == member:
                tables = self.taxonomy.tables_of(f"vsme:{concept}")
                if not tables or any(axis in t.explicit for t in tables):
                    return {}
        for table in self.taxonomy.tables_of(f"vsme:{concept}"):
            for axis, members in table.explicit.items():
                if member in members:
                    return {axis: member}
        return None


def _entity(profile: CompanyProfile | None, company: Mapping[str, Any], builder_notes: list[FilingNote]) -> Entity:
    if profile is not None and profile.entity_identifier is not None:
        return Entity(profile.entity_identifier.scheme_uri(), profile.entity_identifier.value)
    number = (profile.organization_number if profile else None) or company.get("organizationNumber")
    if number:
        country = profile.address.country if profile and profile.address else None
        builder_notes.append(FilingNote("warning", "no-lei", "no LEI/EUID on the company: the national registry number is the entity identifier"))
        return Entity(national_registry_scheme(country), str(number))
    builder_notes.append(FilingNote("warning", "no-entity-identifier", "no entity identifier on the company: its VSME Guru id is used"))
    return Entity(COMPANY_ID_SCHEME, str(company.get("companyId") or "unknown"))


def facts_from_snapshot(snapshot: Mapping[str, Any], *, edition: str | None = None) -> FactSet:
    """All facts of a snapshot document (``report``, ``company`` as stored in ``report_snapshots``)."""
    report = ReportData.model_validate({k: v for k, v in snapshot["report"].items() if k != "_id"})
    company = dict(snapshot.get("company") or {})
    profile_data = company.get("profile")
    profile = CompanyProfile.model_validate(profile_data) if profile_data else None
    return facts_from_report(report, profile, company=company, edition=edition)


def facts_from_report(
    report: ReportData,
    profile: CompanyProfile | None,
    *,
    company: Mapping[str, Any] | None = None,
    edition: str | None = None,
) -> FactSet:
    """All facts of a report (with its company profile) for ``edition`` (default: the report's)."""
    taxonomy = load_taxonomy(edition or edition_for(report.standard_edition))
    notes: list[FilingNote] = []
    entity = _entity(profile, company or {"companyId": str(report.company_id)}, notes)
    b = _Builder(taxonomy, report_period(report), report.currency, entity)
    b.facts.notes.extend(notes)
    _report_level(b, report)
    modules = report.modules
    _b1(b, report, modules, profile)
    _b2(b, modules)
    _b3(b, modules)
    _b4(b, modules)
    _b5(b, modules)
    b.scalars(modules.b6, "b6")
    _b7(b, modules)
    _b8(b, modules)
    for code in ("b9", "b10", "b11", "c1", "c4", "c5", "c6", "c7", "c8", "c9"):
        if report.includes_disclosure(code) or code.startswith("b"):
            b.scalars(getattr(modules, code), code)
    if report.includes_disclosure("C2"):
        _c2(b, modules)
    if report.includes_disclosure("C3"):
        _c3(b, modules)
    return b.facts


def _report_level(b: _Builder, report: ReportData) -> None:
    if report.reporting_option is not None:
        b.add("BasisForPreparation", report.reporting_option, "reportingOption")
    codes = [_omitted_member(b, code, "omittedDisclosures") for code in report.omitted_disclosures]
    b.add("ListOfOmittedDisclosuresDeemedToBeClassifiedOrSensitiveInformation", [c for c in codes if c], "omittedDisclosures")
    general = report.general_disclosures
    if general is not None:
        b.scalars(general, "generalDisclosures", skip={"unchanged_disclosures"})
        unchanged = [_omitted_member(b, code, "generalDisclosures.unchangedDisclosures") for code in general.unchanged_disclosures or []]
        b.add("ListOfDisclosuresForWhichNoChangesAreReportedComparedToThePreviousPeriodReporting",
              [c for c in unchanged if c], "generalDisclosures.unchangedDisclosures")


_LIST_OF_OMITTED = "vsme:ListOfOmittedDisclosuresDeemedToBeClassifiedOrSensitiveInformation"


def _omitted_member(b: _Builder, code: DisclosureCode, source: str) -> DisclosureCode | None:
    """``code`` when the edition has a member for it. The finer 2026-05-01 items (``B6.water_withdrawal``)
    have none in older editions: not written (the parent member would claim the whole disclosure
    omitted), with a warning naming the parent."""
    concept = b.taxonomy.concept(_LIST_OF_OMITTED)
    if concept is None or b.member_of(code) in concept.domain:
        return code
    parent = code.value.split(".", 1)[0] if code.is_finer and not code.value.startswith("other.") else None
    b.note("warning", "disclosure-not-in-edition",
           f"{code.value} has no member in taxonomy {b.taxonomy.edition}: not written"
           + (f" (writing {parent} would claim all of {parent} omitted)" if parent else ""),
           source)
    return None


def _b1(b: _Builder, report: ReportData, modules: ReportModules, profile: CompanyProfile | None) -> None:
    b1 = modules.b1
    fallback = {
        "legal_form": "UndertakingsLegalForm",
        "nace_codes": "NaceSectorClassificationCodes",
        "balance_sheet_total": "Assets",
        "turnover": "Turnover",
        "number_of_employees": "NumberOfEmployees",
        "employee_count_type": "TypeOfNumberOfEmployees",
        "primary_country": "CountryOfPrimaryOperationsAndLocationOfSignificantAssets",
    }
    b.scalars(b1, "b1", skip=set(fallback))
    for name, concept in fallback.items():
        value = getattr(b1, name, None) if b1 is not None else None
        source = f"b1.{name}"
        if value is None and profile is not None:
            value, source = getattr(profile, name), f"company.profile.{name}"
        b.add(concept, value, source)
    sites = (b1.sites if b1 is not None and b1.sites else None) or (profile.sites if profile else None) or []
    for index, site in enumerate(sites, start=1):
        key = site.identifier or str(index)
        dims, typed, path = {"vsme:IdentifierOfSiteTypedAxis": key}, {"vsme:IdentifierOfSiteTypedAxis"}, f"b1.sites[{index - 1}]"
        for field, concept in (("address", "AddressOfSite"), ("postal_code", "PostalCodeOfSite"), ("city", "CityOfSite"), ("country", "CountryOfSite")):
            b.add(concept, getattr(site, field), f"{path}.{field}", dims=dims, typed=typed)
        if site.latitude is not None and site.longitude is not None:
            b.add("GPSLocationOfSite", f"{format_number(site.latitude)},{format_number(site.longitude)}", f"{path}.latitude,longitude", dims=dims, typed=typed)
        elif site.latitude is not None or site.longitude is not None:
            b.note("warning", "gps-incomplete", "latitude and longitude are needed together for GPSLocationOfSite", path)
    for index, subsidiary in enumerate(b1.subsidiaries or [] if b1 else [], start=1):
        key = subsidiary.identifier or str(index)
        dims, typed = {"vsme:IdentifierOfSubsidiaryTypedAxis": key}, {"vsme:IdentifierOfSubsidiaryTypedAxis"}
        b.add("NameOfTheSubsidiary", subsidiary.name, f"b1.subsidiaries[{index - 1}].name", dims=dims, typed=typed)
        b.add("RegisteredAddressOfTheSubsidiary", subsidiary.registered_address, f"b1.subsidiaries[{index - 1}].registeredAddress", dims=dims, typed=typed)


def _b2(b: _Builder, modules: ReportModules) -> None:
    b2 = modules.b2
    if b2 is None:
        return
    b.scalars(b2, "b2")
    rows = b2.issues or []
    # a row says which of practice/policy/initiative, or (an imported template, whose grid ticks
    # issues only) none of them under the B2 gate "has practices, policies or initiatives"
    unspecified = b2.has_practices_policies_or_initiatives is True
    addressed = [r.issue for r in rows if r.has_practices or r.has_policies or r.has_future_initiatives
                 or (unspecified and r.has_practices is None and r.has_policies is None and r.has_future_initiatives is None)]
    b.add("SustainabilityIssueAddressedByPracticePolicyAndOrFutureInitiative", addressed, "b2.issues[].issue")
    public = [r.publicly_available for r in rows if r.publicly_available is not None]
    if public:
        b.add("PracticePolicyAndOrFutureInitiativeIsPubliclyAvailable", any(public), "b2.issues[].publiclyAvailable")
    targets = [r.has_targets for r in rows if r.has_targets is not None]
    if targets:
        b.add("UndertakingHasSetATargetWhichIsRelatedToAPolicy", any(targets), "b2.issues[].hasTargets")


_ENERGY_AXIS = "vsme:BreakdownOfEnergyConsumptionAxis"


def _b3(b: _Builder, modules: ReportModules) -> None:
    b3 = modules.b3
    if b3 is None:
        return
    b.scalars(b3, "b3")
    for field, concept in (("electricity", "EnergyConsumptionFromElectricity"),
                           ("self_generated_electricity", "EnergyConsumptionFromSelfGeneratedElectricity"),
                           ("fuels", "EnergyConsumptionFromFuels")):
        row = getattr(b3, field)
        if row is None:
            continue
        for part, member in (("renewable", "vsme:RenewableEnergyMember"), ("non_renewable", "vsme:NonRenewableEnergyMember"),
                             ("total", "vsme:TotalRenewableAndNonRenewableEnergyMember")):
            b.add(concept, getattr(row, part), f"b3.{field}.{part}", dims={_ENERGY_AXIS: member})
    # derived totals when the report leaves them empty (report fields only)
    s1, s2l, s2m = b3.scope1_emissions, b3.scope2_location_based_emissions, b3.scope2_market_based_emissions
    if b3.total_scope1_and_scope2_location_based is None and s1 is not None and s2l is not None:
        b.add("TotalGrossLocationBasedScope1AndScope2GHGEmissions", s1 + s2l, "derived: b3.scope1 + b3.scope2LocationBased")
    if b3.total_scope1_and_scope2_market_based is None and s1 is not None and s2m is not None:
        b.add("TotalGrossMarketBasedScope1AndScope2GHGEmissions", s1 + s2m, "derived: b3.scope1 + b3.scope2MarketBased")
    for index, row in enumerate(b3.scope3_categories or []):
        current, base, target = (None if v is None else format_number(v)
                                 for v in (row.emissions, row.base_year_emissions, row.target_year_emissions))
        if current is None and base is None and target is None:
            continue
        if row.category.value in b.facts.scope3_categories:
            b.note("warning", "repeated-scope3-category", f"Scope 3 category {row.category.value} given twice: the first is kept",
                   f"b3.scope3Categories[{index}]")
            continue
        b.facts.scope3_categories[row.category.value] = (current, base, target)


def _b4(b: _Builder, modules: ReportModules) -> None:
    b4 = modules.b4
    if b4 is None:
        return
    b.scalars(b4, "b4")
    for index, row in enumerate(b4.pollutants or []):
        concept = {"air": "AmountOfEmissionToAir", "water": "AmountOfEmissionToWater", "soil": "AmountOfEmissionToSoil"}[row.medium.value]
        b.add(concept, row.amount, f"b4.pollutants[{index}].amount",
              dims={"vsme:TypeOfPollutantAxis": b.member_of(row.pollutant)}, unit=f"utr:{row.unit.value}")


def _b5(b: _Builder, modules: ReportModules) -> None:
    b5 = modules.b5
    if b5 is None:
        return
    b.scalars(b5, "b5")
    axis = "vsme:IdentifierOfSiteTypedAxis"
    for index, site in enumerate(b5.sites or [], start=1):
        dims, path = {axis: site.site_identifier or str(index)}, f"b5.sites[{index - 1}]"
        b.add("SiteLocatedInABiodiversitySensitiveArea", site.in_sensitive_area, f"{path}.inSensitiveArea", dims=dims, typed={axis})
        b.add("SiteLocatedNearABiodiversitySensitiveArea", site.near_sensitive_area, f"{path}.nearSensitiveArea", dims=dims, typed={axis})
        b.add("AreaOfSiteInBiodiversitySensitiveArea", site.area, f"{path}.area", dims=dims, typed={axis})


def _b7(b: _Builder, modules: ReportModules) -> None:
    b7 = modules.b7
    if b7 is None:
        return
    untaggable = ("total_waste_diverted_mass", "total_waste_disposed_mass", "total_waste_diverted_volume", "total_waste_disposed_volume")
    b.scalars(b7, "b7", skip=untaggable)
    for name in untaggable:
        if getattr(b7, name) is not None:
            b.note("info", "outside-closed-table", "waste totals without a waste type fit no table (TypeOfWasteAxis has no default): not written; the per-stream facts are", f"b7.{name}")
    for index, stream in enumerate(b7.waste_streams or []):
        path = f"b7.wasteStreams[{index}]"
        member = b.taxonomy.waste_member(stream.ewc_code) if stream.ewc_code else None
        if member is None:
            values = [stream.diverted_to_recycling_or_reuse_mass, stream.directed_to_disposal_mass, stream.total_mass,
                      stream.diverted_to_recycling_or_reuse_volume, stream.directed_to_disposal_volume, stream.total_volume]
            if any(v is not None for v in values):
                b.note("warning", "missing-member", f"waste stream without a known EWC code ({stream.ewc_code!r}): its amounts are not tagged", path)
            continue
        dims = {"vsme:TypeOfWasteAxis": member}
        for field, concept in (("diverted_to_recycling_or_reuse_mass", "WasteDivertedToRecycleOrReuseMass"),
                               ("directed_to_disposal_mass", "WasteDirectedToDisposalMass"),
                               ("total_mass", "TotalWasteRecycledReusedAndDirectedToDisposalMass"),
                               ("diverted_to_recycling_or_reuse_volume", "WasteDivertedToRecycleOrReuseVolume"),
                               ("directed_to_disposal_volume", "WasteDirectedToDisposalVolume"),
                               ("total_volume", "TotalWasteRecycledReusedAndDirectedToDisposalVolume")):
            b.add(concept, getattr(stream, field), f"{path}.{field}", dims=dims)
    axis = "vsme:IdentifierOfMaterialTypedAxis"
    for index, material in enumerate(b7.materials or [], start=1):
        dims, path = {axis: material.identifier or str(index)}, f"b7.materials[{index - 1}]"
        b.add("NameOfMaterialUsed", material.name, f"{path}.name", dims=dims, typed={axis})
        b.add("WeightOfMaterialUsed", material.weight, f"{path}.weight", dims=dims, typed={axis})
        b.add("VolumeOfMaterialUsed", material.volume, f"{path}.volume", dims=dims, typed={axis})


def _b8(b: _Builder, modules: ReportModules) -> None:
    b8 = modules.b8
    if b8 is None:
        return
    b.scalars(b8, "b8")
    for index, row in enumerate(b8.employees_by_country or []):
        b.add("NumberOfEmployeesForCountryOfEmploymentContract", row.number_of_employees, f"b8.employeesByCountry[{index}]",
              dims={"vsme:CountryOfEmploymentContractAxis": f"country:{row.country}"})


def _c2(b: _Builder, modules: ReportModules) -> None:
    c2 = modules.c2
    if c2 is None:
        return
    b.scalars(c2, "c2")
    rows = c2.descriptions or []
    texts = [r.description for r in rows if r.description]
    b.add("DescriptionOfPracticesPoliciesAndOrFutureInitiatives", "\n\n".join(texts) or None, "c2.descriptions[].description")
    targets = [r.target_description for r in rows if r.target_description]
    b.add("DescriptionOfATargetRelatedToAPolicy", "\n\n".join(targets) or None, "c2.descriptions[].targetDescription")


_SCOPE_CONCEPTS = {
    "scope1": "GrossScope1GreenhouseGasEmissions",
    "scope2_location_based": "GrossLocationBasedScope2GreenhouseGasEmissions",
    "scope2_market_based": "GrossMarketBasedScope2GreenhouseGasEmissions",
    "scope3": "GrossScope3GreenhouseGasEmissions",
}


def _c3(b: _Builder, modules: ReportModules) -> None:
    c3 = modules.c3
    if c3 is None:
        return
    b.scalars(c3, "c3")
    axis = "vsme:ReportingScopesAxis"
    base_years = {t.base_year for t in c3.targets or [] if t.base_year}
    target_years = {t.target_year for t in c3.targets or [] if t.target_year}
    for label, years, concept in (("base", base_years, "GreenhouseGasEmissionReductionTargetBaseYear"),
                                  ("target", target_years, "GreenhouseGasEmissionReductionTargetYear")):
        if len(years) > 1:
            b.note("warning", "several-target-years", f"targets have different {label} years {sorted(years)}: the earliest is tagged", "c3.targets")
        if years:
            b.add(concept, min(years), f"c3.targets[].{label}Year")
    for index, target in enumerate(c3.targets or []):
        concept = _SCOPE_CONCEPTS[target.scope.value]
        path = f"c3.targets[{index}]"
        if target.base_year_value is not None and target.base_year:
            b.add(concept, target.base_year_value, f"{path}.baseYearValue", dims={axis: "vsme:BaselineYearMember"},
                  period=_year_period(b.facts.period, target.base_year))
        if target.target_year_value is not None and target.target_year:
            b.add(concept, target.target_year_value, f"{path}.targetYearValue", dims={axis: "vsme:TargetYearMember"},
                  period=_year_period(b.facts.period, target.target_year))
    _c3_totals(b, c3.targets or [])


_C3_TOTALS = {
    "TotalGrossLocationBasedScope1AndScope2GHGEmissions": ("scope1", "scope2_location_based"),
    "TotalGrossMarketBasedScope1AndScope2GHGEmissions": ("scope1", "scope2_market_based"),
    "TotalGrossLocationBasedGHGEmissions": ("scope1", "scope2_location_based", "scope3"),
    "TotalGrossMarketBasedGHGEmissions": ("scope1", "scope2_market_based", "scope3"),
}


def _c3_totals(b: _Builder, targets: list[Any]) -> None:
    """Base- and target-year totals of the C3 table, derived from the scopes' targets (the report keeps
    no total target): written when every scope of the total has a value for the same year."""
    axis = "vsme:ReportingScopesAxis"
    for member, year_of, value_of in (("vsme:BaselineYearMember", "base_year", "base_year_value"),
                                      ("vsme:TargetYearMember", "target_year", "target_year_value")):
        by_scope = {t.scope.value: (getattr(t, year_of), getattr(t, value_of)) for t in targets
                    if getattr(t, year_of) and getattr(t, value_of) is not None}
        for concept, scopes in _C3_TOTALS.items():
            if not all(s in by_scope for s in scopes) or len({by_scope[s][0] for s in scopes}) != 1:
                continue
            year = by_scope[scopes[0]][0]
            total = float(sum((Decimal(str(by_scope[s][1])) for s in scopes), Decimal(0)))  # exact, as the template's sum
            b.add(concept, total, f"derived: c3.targets[{'+'.join(scopes)}].{value_of}", dims={axis: member},
                  period=_year_period(b.facts.period, year))
