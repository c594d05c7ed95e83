"""Scope321's per-year emissions fill an empty B3, a differing stated value warns, the unit is never guessed."""

from datetime import UTC, datetime

from bson import ObjectId

from vsme_pipeline.connections import read_only
from vsme_pipeline.pipeline.company_sync import sync_companies
from vsme_pipeline.pipeline.metrics_stage import compute_year
from vsme_pipeline.pipeline.validation_stage import validate_year
from vsme_pipeline.seed import seed_sample_data
from vsme_pipeline.sources.scope321 import decide_unit, merge_offer, offer_b3

UPDATED = datetime(2025, 2, 1, 12, 0, tzinfo=UTC)


def record(org: str, years: dict[str, dict]) -> dict:
    return {"_id": ObjectId(), "OrgId": org, "CompanyName": "GreenTech Solutions AS",
            "CreatedAt": datetime(2023, 1, 1, tzinfo=UTC), "Emissions": years}


def year_kg(scope1: float, scope2: float, scope3: float, *, locked: bool = True) -> dict:
    """Scopes in kg, TotalCo2 in tonnes (the ratio tells)."""
    total_t = (scope1 + scope2 + scope3) / 1000
    return {"Scope1": scope1, "Scope2": scope2, "Scope3": scope3, "TotalCo2": total_t, "Revenue": 15e6,
            "co2Intensity": total_t / 15e6, "locked": locked, "updatedAt": UPDATED}


def test_an_empty_b3_is_filled_from_scope321_marked_with_its_source():
    offer = offer_b3({"scope1Emissions": None}, record("org-a", {"2024": year_kg(120_500.0, 40_000.0, 9_000.0)}), 2024)
    assert offer.unit is not None and (offer.unit.scopes_unit, offer.unit.total_unit) == ("kg", "t")
    values = {m["key"]: m for m in offer.metrics}
    assert {k: m["value"] for k, m in values.items()} == {
        "b3.scope1_tco2e": 120.5, "b3.scope2_location_tco2e": 40.0, "b3.scope3_tco2e": 9.0}
    scope1 = values["b3.scope1_tco2e"]
    assert scope1["source"] == ["scope321"] and scope1["locked"] is True and scope1["sourceUpdatedAt"] == UPDATED
    assert offer.warnings == []
    merged = merge_offer([{"key": "b3.scope1_tco2e", "computable": False, "notes": []}], offer)
    assert [m["source"] for m in merged] == [["scope321"]] * 3


def test_a_stated_value_that_differs_gives_a_warning_naming_both():
    offer = offer_b3({"scope1Emissions": 100.0, "scope2LocationBasedEmissions": 40.5, "scope3Emissions": 9.0},
                     record("org-a", {"2024": year_kg(120_500.0, 40_000.0, 9_000.0)}), 2024)
    assert offer.metrics == []
    [warning] = offer.warnings  # scope 2 differs by 1.2 %: within the tolerance
    assert "scope1Emissions" in warning and "100 tCO2e" in warning and "120.5 tCO2e" in warning


def test_the_unit_is_refused_when_the_data_cannot_tell():
    same_unit = {"Scope1": 10.0, "Scope2": 5.0, "Scope3": 5.0, "TotalCo2": 20.0, "locked": False, "updatedAt": UPDATED}
    offer = offer_b3(None, record("org-a", {"2024": same_unit}), 2024)
    assert offer.metrics == [] and offer.warnings == []
    [finding] = offer.findings
    assert finding.field == "Emissions.2024.TotalCo2" and "cannot be told" in finding.reason
    # another year of the same record that is decisive tells the record's unit
    decided = decide_unit({"2023": year_kg(1000.0, 1000.0, 1000.0), "2024": same_unit}, 2024)
    assert decided.scopes_unit == "kg"
    assert not decide_unit({"2024": {**same_unit, "TotalCo2": 3.0}}, 2024).decided  # inconsistent


async def test_the_metrics_stage_warns_on_a_differing_stated_scope1(databases):
    await seed_sample_data(databases)
    source, target = read_only(databases.scope321), databases.vsme_guru
    await sync_companies(source, target)
    report = await target["reports"].find_one({"reportingYear": 2024, "modules.b3.scope1Emissions": {"$gt": 0}})
    entry = await target["company_directory"].find_one({"companyId": report["companyId"]})
    stated = report["modules"]["b3"]["scope1Emissions"]
    await databases.reference["companies"].insert_one(
        record(entry["organizationId"], {"2024": year_kg(stated * 2000, 1000.0, 1000.0)}))
    await validate_year(target, 2024)

    stage = await compute_year(target, read_only(databases.reference), 2024)

    assert stage.extra["scope321_warnings"] >= 1
    metrics = await target["report_metrics"].find_one({"reportId": report["_id"]})
    scope1 = next(m for m in metrics["metrics"] if m["key"] == "b3.scope1_tco2e")
    assert any(f"{stated:g} tCO2e" in note and f"{stated * 2:g} tCO2e" in note for note in scope1["notes"])
