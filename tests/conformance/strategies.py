"""Hypothesis strategies: report documents shaped like the web app's, for the template harness."""

from typing import Any

from hypothesis import strategies as st

from vsme_pipeline.calculations.formulas import SCOPE3_CATEGORIES
from vsme_pipeline.calculations.fuels import FUELS

TABLE_FUELS = [f for f in FUELS if not f.name.startswith("Other")]
UNITS_BY_STATE = {"liquid": ("L", "m3"), "gaseous": ("m3", "L"), "solid": ("t", "kg")}

amount = st.integers(1, 10**7).map(lambda x: x / 100)
maybe = lambda s: st.one_of(st.none(), st.just(0), s)  # noqa: E731  blank, zero or a value
count = st.integers(1, 400).map(float)

# Size classes: (employees, turnover) of a micro, small and medium undertaking.
SIZES = {"micro": (st.integers(1, 9), st.integers(10_000, 900_000)),
         "small": (st.integers(10, 49), st.integers(900_001, 10_000_000)),
         "medium": (st.integers(50, 249), st.integers(10_000_001, 50_000_000))}


@st.composite
def fuel_rows(draw: st.DrawFn) -> list[dict[str, Any]]:
    if draw(st.booleans()) and draw(st.booleans()):  # a quarter of the cases: fuels in kWh
        return [{"fuel": draw(st.sampled_from(TABLE_FUELS)).name, "unit": "kWh", "quantity": draw(amount)}
                for _ in range(draw(st.integers(1, 3)))]
    rows = []
    for _ in range(draw(st.integers(0, 4))):
        fuel = draw(st.sampled_from(TABLE_FUELS))
        rows.append({"fuel": fuel.name, "unit": draw(st.sampled_from(UNITS_BY_STATE[fuel.state])),
                     "quantity": draw(st.one_of(st.just(0), amount))})
    return rows


@st.composite
def waste_stream(draw: st.DrawFn) -> dict[str, Any]:
    """A waste stream by mass (t), by volume only (m³), or with just a stated total."""
    stream: dict[str, Any] = {"hazardous": draw(st.booleans())}
    kind = draw(st.sampled_from(["mass", "mass", "volume", "total_mass", "total_volume"]))
    if kind in ("mass", "volume"):
        stream[f"diverted_to_recycling_or_reuse_{kind}"] = draw(maybe(amount))
        stream[f"directed_to_disposal_{kind}"] = draw(maybe(amount))
    else:
        stream[kind] = draw(maybe(amount))
    return stream


@st.composite
def scope3_categories(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Scope 3 categories named by number or enumeration value, with or without C3 target values."""
    chosen = draw(st.lists(st.integers(0, 14), min_size=1, max_size=4, unique=True))
    with_targets = draw(st.booleans())
    rows = []
    for i in chosen:
        row: dict[str, Any] = {"category": draw(st.sampled_from([str(i + 1), SCOPE3_CATEGORIES[i]])),
                               "emissions": draw(maybe(amount))}
        if with_targets:
            row["base_year_emissions"], row["target_year_emissions"] = draw(maybe(amount)), draw(maybe(amount))
        rows.append(row)
    return rows


@st.composite
def reports(draw: st.DrawFn) -> dict[str, Any]:
    size = draw(st.sampled_from(sorted(SIZES)))
    employees_s, turnover_s = SIZES[size]
    employees = float(draw(employees_s))
    turnover = float(draw(turnover_s))
    scope3 = draw(st.booleans())
    cats = draw(scope3_categories()) if scope3 else []
    targets = [{"scope": s, "base_year": 2020, "target_year": 2030,
                "base_year_value": draw(maybe(amount)), "target_year_value": draw(maybe(amount))}
               for s in sorted(draw(st.sets(st.sampled_from(["scope1", "scope2_location_based", "scope2_market_based", "scope3"]))))]
    measured = draw(st.booleans())
    genders = {g: draw(maybe(count)) for g in ("male", "female", "other_gender", "not_reported_gender")}
    return {
        "modules": {
            "b1": {"number_of_employees": employees, "turnover": turnover, "balance_sheet_total": draw(amount)},
            "b3": {
                "electricity": {"renewable": draw(maybe(amount)), "non_renewable": draw(maybe(amount))},
                "self_generated_electricity": {"renewable": draw(maybe(amount)), "non_renewable": draw(maybe(amount))},
                "scope1_emissions": draw(st.one_of(st.none(), amount)),
                "scope2_location_based_emissions": draw(st.one_of(st.none(), amount)),
                "scope2_market_based_emissions": draw(st.one_of(st.none(), amount)),
                "reports_scope3": scope3,
                "scope3_categories": cats,
                "fuel_activities": draw(fuel_rows()),
            },
            "b6": {"total_water_withdrawal": draw(maybe(amount)), "water_discharge": draw(maybe(amount))},
            "b7": {
                "waste_streams": draw(st.lists(waste_stream(), max_size=4)),
                "materials": [draw(st.one_of(st.builds(lambda w: {"name": "m", "weight": w}, amount),
                                             st.builds(lambda v: {"name": "m", "volume": v}, amount)))
                              for _ in range(draw(st.integers(0, 3)))],
            },
            "b8": {
                "permanent_employees": draw(st.one_of(st.none(), st.integers(0, int(employees)).map(float))),
                **{f"{g}_employees": v for g, v in genders.items()},
                "employees_who_left": draw(maybe(count)), "employees_at_start_of_period": draw(count),
                "employees_at_end_of_period": draw(count),
            },
            "b9": {"recordable_accidents": draw(maybe(st.integers(1, 20).map(float))),
                   "hours_worked": draw(amount) * 100 if measured else None,
                   "hours_per_full_time_employee": None if measured else draw(st.sampled_from([None, 1720.0, 2000.0]))},
            "b10": {"average_gross_hourly_pay_male": draw(st.one_of(st.none(), amount)),
                    "average_gross_hourly_pay_female": draw(st.one_of(st.none(), amount)),
                    "employees_covered_by_cba": draw(st.one_of(st.none(), st.integers(0, int(employees) + 5).map(float))),
                    **{f"training_hours_{g}": draw(maybe(amount)) for g in genders}},
            "c3": {"targets": targets},
            "c5": {"female_managers": draw(maybe(count)), "male_managers": draw(st.one_of(st.none(), count))},
            # Revenues up to the turnover, so each Paris-benchmark criterion (1/10/50/50 %) goes both ways.
            "c8": {**{f: draw(maybe(st.floats(0.001, 1.0).map(lambda x, t=turnover: round(x * t, 2))))
                      for f in ("revenue_coal", "revenue_oil", "revenue_gas",
                                "revenue_high_intensity_electricity_generation")},
                   **{f: draw(st.one_of(st.none(), st.just(0), amount)) if draw(st.integers(0, 4)) == 0 else None
                      for f in ("revenue_controversial_weapons", "revenue_tobacco", "revenue_chemicals")}},
            "c9": {"female_board_members": draw(maybe(st.integers(1, 9).map(float))),
                   "male_board_members": draw(maybe(st.integers(1, 9).map(float)))},
        }
    }


REQUIRED_FEATURES = frozenset({
    "size:micro", "size:small", "size:medium", "fuel:L", "fuel:m3", "fuel:t", "fuel:kg", "fuel:kWh",
    "zero input", "blank input", "hours measured", "hours estimated", "scope3", "no scope3",
    "scope3 category targets", "waste by volume", "waste by mass",
})


def features(doc: dict[str, Any]) -> set[str]:
    """What a generated report exercises (the issue's list: sizes, fuel units, zero and blank
    inputs, hours measured or estimated, Scope 3 present or not; plus the tables' variants)."""
    m = doc["modules"]
    employees = m["b1"]["number_of_employees"]
    out = {"size:" + ("micro" if employees < 10 else "small" if employees < 50 else "medium")}
    out |= {f"fuel:{row['unit']}" for row in m["b3"]["fuel_activities"]}
    out.add("hours measured" if m["b9"]["hours_worked"] is not None else "hours estimated")
    out.add("scope3" if m["b3"]["reports_scope3"] else "no scope3")
    if any("base_year_emissions" in c for c in m["b3"]["scope3_categories"]):
        out.add("scope3 category targets")
    for stream in m["b7"]["waste_streams"]:
        out.add("waste by volume" if any(k.endswith("volume") for k in stream) else "waste by mass")

    def leaves(node: Any) -> Any:
        if isinstance(node, dict):
            for value in node.values():
                yield from leaves(value)
        elif isinstance(node, list):
            for value in node:
                yield from leaves(value)
        else:
            yield node

    values = list(leaves(m))
    if any(v is None for v in values):
        out.add("blank input")
    if any(v == 0 and not isinstance(v, bool) for v in values):
        out.add("zero input")
    return out


def draw_reports(n: int, derandomize: bool = True) -> list[tuple[dict[str, Any], str]]:
    """``n`` generated (report, waste unit) cases, one hypothesis example each (a list strategy
    drawn once would give its simplest value: every report alike).  Derandomized: the same fixed
    sample on every run; otherwise new cases each run."""
    from hypothesis import HealthCheck, Phase, given, settings

    drawn: list[tuple[dict[str, Any], str]] = []

    @settings(max_examples=n, phases=[Phase.generate], deadline=None, database=None, derandomize=derandomize,
              suppress_health_check=list(HealthCheck))
    @given(reports(), st.sampled_from(["metric tonnes (t)", "kilograms (kg)"]))
    def collect(doc: dict[str, Any], unit: str) -> None:
        drawn.append((doc, unit))

    collect()
    return drawn
