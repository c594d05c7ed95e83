"""B3 Energy and GHG emissions: energy totals and breakdown, Scope 1/2/3, totals and intensity.

Precedence: what the undertaking *reported* in the breakdown rows or emission fields is used as
reported (the metric notes "as reported"); only where it is missing is the value calculated from
activity data (fuel quantities → MWh via the EFRAG net calorific values; activity × emission
factor from the environment's reference data).

Fuel activity rows may carry undertaking-specific parameters that the web app keeps as extra
keys: ``ncvTjPerUnit`` (TJ per unit of quantity, e.g. 0.03921 TJ/m³ in guidance 105),
``ncvTjPerGg``, ``density`` and ``emissionFactor`` with ``emissionFactorUnit`` (default tCO2e/TJ).
"""

from decimal import Decimal
from typing import Any

from vsme_pipeline.calculations.access import DocView
from vsme_pipeline.calculations.formulas import make
from vsme_pipeline.calculations.fuels import fuel_energy, normalise_fuel_key
from vsme_pipeline.calculations.metric import Metric
from vsme_pipeline.calculations.units import (
    HUNDRED,
    MWH_PER_TJ,
    per_energy_factor_to_t_per_tj,
    per_kwh_factor_to_t_per_mwh,
    to_decimal,
)
from vsme_pipeline.reference_data import EmissionFactorSet

AS_REPORTED = "as reported by the undertaking"


def _row(b3: DocView, name: str) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    """(renewable, non-renewable, total) of a breakdown row; total derived from the split if absent."""
    ren, non = b3.number(f"{name}.renewable"), b3.number(f"{name}.non_renewable")
    total = b3.number(f"{name}.total")
    if total is None and ren is not None and non is not None:
        total = ren + non
    return ren, non, total


def _fuel_rows(b3: DocView) -> list[dict[str, Any]]:
    """Each fuel activity converted to MWh, with its renewability and provenance."""
    rows = []
    for index, fuel in enumerate(b3.items("fuel_activities")):
        source = fuel.value("energy_source")
        renewable = {"renewable": True, "non_renewable": False}.get(source) if isinstance(source, str) else None
        energy = fuel_energy(
            fuel.value("fuel"),
            fuel.value("quantity"),
            fuel.value("unit"),
            ncv_tj_per_gg=fuel.value("ncv_tj_per_gg"),
            density=fuel.value("density"),
            ncv_tj_per_unit=fuel.value("ncv_tj_per_unit"),
            renewable=renewable,
        )
        rows.append({"index": index, "view": fuel, "energy": energy})
    return rows


def _electricity_rows(b3: DocView) -> list[DocView]:
    return list(b3.items("electricity_activities"))


def energy_metrics(b3: DocView) -> list[Metric]:
    """Electricity, fuels, total energy and the renewable / non-renewable split (para 29)."""
    out: list[Metric] = []

    # Electricity (purchased + self-generated without fuel).
    e_ren, e_non, e_tot = _row(b3, "electricity")
    s_ren, s_non, s_tot = _row(b3, "self_generated_electricity")
    elec_inputs: dict[str, Any] = {"electricity_mwh": e_tot, "self_generated_mwh": s_tot}
    elec_notes = [AS_REPORTED]
    if e_tot is None and s_tot is None:
        acts = _electricity_rows(b3)
        kwh = [a.number("consumption_kwh") for a in acts]
        if acts and all(k is not None for k in kwh):
            e_tot = sum((k for k in kwh if k is not None), Decimal(0)) / 1000
            shares = [a.number("renewable_share") for a in acts]
            if all(s is not None for s in shares):
                e_ren = sum((k * s / HUNDRED for k, s in zip(kwh, shares, strict=False) if k is not None and s is not None), Decimal(0)) / 1000
                e_non = e_tot - e_ren
            else:
                e_ren = e_non = None
            elec_inputs = {"electricity_activities_kwh": kwh, "renewable_shares_percent": shares}
            elec_notes = ["calculated from electricity activity data (kWh / 1000)"]
    parts = [v for v in (e_tot, s_tot) if v is not None]
    electricity = sum(parts, Decimal(0)) if parts else None
    out.append(make("b3.electricity_mwh", electricity, elec_inputs, reason="no electricity consumption reported", notes=elec_notes))
    ren_parts = [(e_ren, e_tot), (s_ren, s_tot)]
    elec_ren = None if any(t is not None and r is None for r, t in ren_parts) or electricity is None else sum((r for r, _ in ren_parts if r is not None), Decimal(0))
    non_parts = [(e_non, e_tot), (s_non, s_tot)]
    elec_non = None if any(t is not None and n is None for n, t in non_parts) or electricity is None else sum((n for n, _ in non_parts if n is not None), Decimal(0))
    out.append(make("b3.electricity_renewable_mwh", elec_ren, elec_inputs, reason="renewable split of electricity not available"))
    out.append(make("b3.electricity_non_renewable_mwh", elec_non, elec_inputs, reason="renewable split of electricity not available"))

    # Fuels.
    f_ren, f_non, f_tot = _row(b3, "fuels")
    fuel_inputs: dict[str, Any] = {"fuels_mwh": f_tot, "renewable_mwh": f_ren, "non_renewable_mwh": f_non}
    fuel_notes, fuel_sources = [AS_REPORTED], []
    fuel_reason = "no fuel consumption reported"
    if f_tot is None:
        rows = _fuel_rows(b3)
        if rows:
            failures = [r for r in rows if r["energy"].tj is None]
            fuel_inputs = {
                f"fuel_activities.{r['index']}": {**r["energy"].inputs, "mwh": r["energy"].mwh, "renewable": r["energy"].renewable}
                for r in rows
            }
            if failures:
                fuel_reason = "; ".join(f"fuel activity {r['index']}: {r['energy'].reason}" for r in failures)
            else:
                f_tot = sum((r["energy"].mwh for r in rows), Decimal(0))
                if all(r["energy"].renewable is not None for r in rows):
                    f_ren = sum((r["energy"].mwh for r in rows if r["energy"].renewable), Decimal(0))
                    f_non = f_tot - f_ren
                fuel_notes = ["calculated from fuel activity data: quantity → Gg × NCV [TJ/Gg] × 277.78 MWh/TJ"]
                fuel_sources = sorted({p for r in rows for p in r["energy"].parameters})
    out.append(make("b3.fuels_mwh", f_tot, fuel_inputs, reason=fuel_reason, notes=fuel_notes, source=fuel_sources))
    out.append(make("b3.fuels_renewable_mwh", f_ren if f_tot is not None else None, fuel_inputs, reason="renewable split of fuels not available"))
    out.append(make("b3.fuels_non_renewable_mwh", f_non if f_tot is not None else None, fuel_inputs, reason="renewable split of fuels not available"))

    # Total energy: components when known, else the reported total.
    reported_total = b3.number("total_energy_consumption")
    if electricity is not None or f_tot is not None:
        total: Decimal | None = (electricity or Decimal(0)) + (f_tot or Decimal(0))
        total_inputs: dict[str, Decimal | None] = {"electricity_mwh": electricity, "fuels_mwh": f_tot}
        total_notes = [] if (electricity is not None and f_tot is not None) else ["one component not reported: counted as 0"]
        out.append(make("b3.total_energy_mwh", total, total_inputs, notes=total_notes))
    else:
        out.append(make("b3.total_energy_mwh", reported_total, {"total_energy_consumption": reported_total},
                        reason="no energy consumption reported", notes=[AS_REPORTED]))
        total = reported_total
    split_known = elec_ren is not None or f_ren is not None
    ren_total = None
    non_total = None
    if split_known and (electricity is None or elec_ren is not None) and (f_tot is None or f_ren is not None):
        ren_total = (elec_ren or Decimal(0)) + (f_ren or Decimal(0))
        non_total = (elec_non or Decimal(0)) + (f_non or Decimal(0))
    split_inputs = {"electricity_renewable_mwh": elec_ren, "fuels_renewable_mwh": f_ren,
                    "electricity_non_renewable_mwh": elec_non, "fuels_non_renewable_mwh": f_non}
    out.append(make("b3.renewable_energy_mwh", ren_total, split_inputs, reason="renewable / non-renewable breakdown not available"))
    out.append(make("b3.non_renewable_energy_mwh", non_total, split_inputs, reason="renewable / non-renewable breakdown not available"))
    if ren_total is not None and total not in (None, Decimal(0)):
        assert total is not None
        out.append(make("b3.renewable_share_percent", ren_total / total * HUNDRED, {"renewable_mwh": ren_total, "total_mwh": total}))
    else:
        out.append(make("b3.renewable_share_percent", None, {"renewable_mwh": ren_total, "total_mwh": total},
                        reason="total energy is zero or the renewable breakdown is not available"))
    return out


def scope1_metric(b3: DocView, factors: EmissionFactorSet, country: Any = None) -> Metric:
    """Scope 1 as reported, else Σ fuel energy [TJ] × emission factor [tCO2e/TJ]."""
    reported = b3.number("scope1_emissions")
    if reported is not None:
        return make("b3.scope1_tco2e", reported, {"scope1_emissions": reported}, notes=[AS_REPORTED])
    rows = _fuel_rows(b3)
    if not rows:
        return make("b3.scope1_tco2e", None, {}, reason="Scope 1 emissions not reported and no fuel activity data given")
    inputs: dict[str, Any] = {}
    sources: list[str] = []
    problems: list[str] = []
    total = Decimal(0)
    for r in rows:
        energy, view, index = r["energy"], r["view"], r["index"]
        row_inputs: dict[str, Any] = {**energy.inputs, "tj": energy.tj}
        factor = None
        own = to_decimal(view.value("emission_factor"))
        if own is not None:
            unit = view.text("emission_factor_unit") or "tCO2e/TJ"
            factor = per_energy_factor_to_t_per_tj(own, unit)
            row_inputs["emission_factor"] = {"value": own, "unit": unit, "source": "undertaking-specific"}
            if factor is None:
                problems.append(f"fuel activity {index}: unknown emission factor unit {unit!r}")
        else:
            record = factors.fuel(normalise_fuel_key(view.value("fuel")), country)
            if record is not None:
                factor = per_energy_factor_to_t_per_tj(record.value, record.unit)
                row_inputs["emission_factor"] = {"key": record.key, "value": record.value, "unit": record.unit}
                sources.append(record.key)
            else:
                problems.append(f"fuel activity {index}: no emission factor for {view.value('fuel')!r}")
        if energy.tj is None:
            problems.append(f"fuel activity {index}: {energy.reason}")
        elif factor is not None:
            row_inputs["tco2e"] = energy.tj * factor
            total += energy.tj * factor
        inputs[f"fuel_activities.{index}"] = row_inputs
    if problems:
        return make("b3.scope1_tco2e", None, inputs, reason="; ".join(problems), source=sources)
    return make("b3.scope1_tco2e", total, inputs, source=sorted(set(sources)),
                notes=["calculated from fuel activity data × emission factors (guidance 100-105)"])


def scope2_metrics(b3: DocView, factors: EmissionFactorSet, default_country: Any = None) -> list[Metric]:
    """Location-based (and market-based where supplier factors are given) Scope 2."""
    out: list[Metric] = []
    acts = [a for a in _electricity_rows(b3) if a.flag("self_generated") is not True]
    reported = b3.number("scope2_location_based_emissions")
    if reported is not None:
        out.append(make("b3.scope2_location_tco2e", reported, {"scope2_location_based_emissions": reported}, notes=[AS_REPORTED]))
    elif not acts:
        out.append(make("b3.scope2_location_tco2e", None, {}, reason="location-based Scope 2 not reported and no electricity activity data given"))
    else:
        inputs: dict[str, Any] = {}
        sources: list[str] = []
        problems: list[str] = []
        notes: list[str] = ["calculated: electricity [MWh] × grid factor of the country (guidance 106-108)"]
        estimated = False
        total = Decimal(0)
        for a in acts:
            idx = a.path().rsplit(".", 1)[-1]
            kwh = a.number("consumption_kwh")
            country = a.value("country")
            if country is None and default_country is not None:
                country, estimated = default_country, True
                notes.append(f"electricity activity {idx}: no grid country, primary country {default_country} used")
            record = factors.grid(country)
            if kwh is None or kwh < 0:
                problems.append(f"electricity activity {idx}: consumption missing or negative")
                continue
            if record is None:
                problems.append(f"electricity activity {idx}: no grid factor for country {country!r}")
                continue
            factor = per_kwh_factor_to_t_per_mwh(record.value, record.unit)
            if factor is None:
                problems.append(f"grid factor {record.key}: unknown unit {record.unit!r}")
                continue
            t = kwh / 1000 * factor
            inputs[f"electricity_activities.{idx}"] = {"kwh": kwh, "country": country, "factor_key": record.key,
                                                      "factor": record.value, "factor_unit": record.unit, "tco2e": t}
            sources.append(record.key)
            total += t
        if problems:
            out.append(make("b3.scope2_location_tco2e", None, inputs, reason="; ".join(problems), source=sources))
        else:
            out.append(make("b3.scope2_location_tco2e", total, inputs, source=sorted(set(sources)), estimated=estimated, notes=notes))

    reported_mb = b3.number("scope2_market_based_emissions")
    if reported_mb is not None:
        out.append(make("b3.scope2_market_tco2e", reported_mb, {"scope2_market_based_emissions": reported_mb}, notes=[AS_REPORTED]))
    elif acts and all(a.number("supplier_emission_factor") is not None and a.number("consumption_kwh") is not None for a in acts):
        total = Decimal(0)
        inputs = {}
        for a in acts:
            idx = a.path().rsplit(".", 1)[-1]
            kwh, ef = a.number("consumption_kwh"), a.number("supplier_emission_factor")
            assert kwh is not None and ef is not None
            t = kwh * ef / Decimal(1_000_000)  # kWh × g/kWh → t
            inputs[f"electricity_activities.{idx}"] = {"kwh": kwh, "supplier_factor_g_per_kwh": ef, "tco2e": t}
            total += t
        out.append(make("b3.scope2_market_tco2e", total, inputs, notes=["calculated: electricity × supplier-specific factor (guidance 109)"]))
    else:
        out.append(make("b3.scope2_market_tco2e", None, {}, reason="market-based Scope 2 not reported (optional, guidance 109)"))
    return out


def scope3_metric(b3: DocView) -> Metric:
    reported = b3.number("scope3_emissions")
    if reported is not None:
        return make("b3.scope3_tco2e", reported, {"scope3_emissions": reported}, notes=[AS_REPORTED])
    cats = list(b3.items("scope3_categories"))
    values = [c.number("emissions") for c in cats]
    if cats and all(v is not None for v in values):
        return make("b3.scope3_tco2e", sum((v for v in values if v is not None), Decimal(0)),
                    {"categories": {c.value("category") or str(i): v for i, (c, v) in enumerate(zip(cats, values, strict=False))}})
    return make("b3.scope3_tco2e", None, {}, reason="Scope 3 not reported (reported only where relevant, paras 50-53)")


def _add(key: str, parts: dict[str, Decimal | None]) -> Metric:
    missing = [k for k, v in parts.items() if v is None]
    if missing:
        return make(key, None, parts, reason="missing input: " + ", ".join(missing))
    return make(key, sum((v for v in parts.values() if v is not None), Decimal(0)), parts)


def _intensity(key: str, emissions: Decimal | None, turnover: Decimal | None) -> Metric:
    inputs = {"emissions_tco2e": emissions, "turnover_eur": turnover}
    if emissions is None:
        return make(key, None, inputs, reason="emissions not computable")
    if turnover is None:
        return make(key, None, inputs, reason="missing input: turnover")
    if turnover <= 0:
        return make(key, None, inputs, reason="turnover is zero or negative")
    return make(key, emissions / turnover, inputs)


def compute(b3: DocView, factors: EmissionFactorSet, turnover: Decimal | None, country: Any = None) -> list[Metric]:
    """All B3 metrics for one report."""
    metrics = energy_metrics(b3)
    s1 = scope1_metric(b3, factors, country)
    s2 = scope2_metrics(b3, factors, country)
    s3 = scope3_metric(b3)
    metrics += [s1, *s2, s3]
    v = {m.key: (m.value if m.computable else None) for m in metrics}
    lb = _add("b3.scope1_2_location_tco2e", {"scope1_tco2e": v["b3.scope1_tco2e"], "scope2_location_tco2e": v["b3.scope2_location_tco2e"]})
    mb = _add("b3.scope1_2_market_tco2e", {"scope1_tco2e": v["b3.scope1_tco2e"], "scope2_market_tco2e": v["b3.scope2_market_tco2e"]})
    tl = _add("b3.total_location_tco2e", {"scope1_tco2e": v["b3.scope1_tco2e"], "scope2_location_tco2e": v["b3.scope2_location_tco2e"], "scope3_tco2e": v["b3.scope3_tco2e"]})
    tm = _add("b3.total_market_tco2e", {"scope1_tco2e": v["b3.scope1_tco2e"], "scope2_market_tco2e": v["b3.scope2_market_tco2e"], "scope3_tco2e": v["b3.scope3_tco2e"]})
    estimated = s1.estimated or s2[0].estimated
    lb = lb.model_copy(update={"estimated": estimated}) if lb.computable else lb
    metrics += [lb, mb, tl, tm]
    metrics.append(_intensity("b3.ghg_intensity_location", lb.value if lb.computable else None, turnover))
    metrics.append(_intensity("b3.ghg_intensity_market", mb.value if mb.computable else None, turnover))
    metrics.append(_intensity("b3.ghg_intensity_total_location", tl.value if tl.computable else None, turnover))
    return metrics


__all__ = ["MWH_PER_TJ", "compute", "energy_metrics", "scope1_metric", "scope2_metrics", "scope3_metric"]
