"""Loader and lookup for the emission-factor reference data."""

import csv
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from importlib import resources
from typing import Any

DATASET_VERSION = "2026.1-dev"
CSV_NAME = "emission_factors.csv"
EU_AVERAGE_COUNTRY = "EU27"

_FIELDS = (
    "key", "category", "scope", "country", "activity", "value", "unit",
    "gwp_set", "source", "source_url", "year", "licence", "dataset_version",
)
# ISO 3166 alpha-2 is used throughout; Eurostat/EEA write Greece as EL and the UK as UK.
_COUNTRY_ALIASES = {"EL": "GR", "UK": "GB", "EU": EU_AVERAGE_COUNTRY, "EU-27": EU_AVERAGE_COUNTRY}


def emission_factors() -> list[dict[str, Any]]:
    """The shipped emission factors as dicts ready to insert into the reference database.

    Reads the package's CSV (package data, not the environment): ``value`` is a float and ``year``
    an int, as the web app stores numbers.
    """
    text = resources.files(__package__).joinpath(CSV_NAME).read_text(encoding="utf-8")
    rows: list[dict[str, Any]] = []
    for raw in csv.DictReader(text.splitlines()):
        row: dict[str, Any] = {name: raw.get(name) or None for name in _FIELDS}
        row["value"] = float(raw["value"])
        row["year"] = int(raw["year"])
        row["scope"] = int(raw["scope"]) if raw.get("scope") else None
        row["dataset_version"] = raw.get("dataset_version") or DATASET_VERSION
        rows.append(row)
    return rows


def _to_decimal(value: Any) -> Decimal | None:
    """Finite Decimal of a number (floats via str), else None; kept local so that reference data
    does not depend on the calculations package."""
    if value is None or isinstance(value, bool):
        return None
    try:
        result = Decimal(str(value)) if isinstance(value, (int, float, str)) else value
    except (InvalidOperation, ValueError):
        return None
    return result if isinstance(result, Decimal) and result.is_finite() else None


def _norm_country(country: Any) -> str | None:
    if not isinstance(country, str) or not country.strip():
        return None
    code = country.strip().upper()
    return _COUNTRY_ALIASES.get(code, code)


@dataclass(frozen=True)
class EmissionFactorRecord:
    """One emission factor with its provenance (value as Decimal)."""

    key: str
    category: str
    scope: str | None
    country: str | None
    activity: str | None
    value: Decimal
    unit: str
    gwp_set: str | None
    source: str | None
    source_url: str | None
    year: int | None
    licence: str | None
    dataset_version: str | None

    @classmethod
    def from_any(cls, item: Any) -> "EmissionFactorRecord | None":
        """Build from a dict (snake_case or camelCase keys) or a model; None if unusable."""
        if isinstance(item, Mapping):
            data = dict(item)
        elif hasattr(item, "model_dump"):
            data = item.model_dump()
        else:
            data = {name: getattr(item, name, None) for name in _FIELDS}

        def get(snake: str, camel: str | None = None) -> Any:
            return data.get(snake, data.get(camel) if camel else None)

        value = _to_decimal(get("value"))
        key, category, unit = get("key"), get("category"), get("unit")
        if value is None or not key or not category or not unit:
            return None
        year = get("year")
        return cls(
            key=str(key),
            category=str(category),
            scope=None if get("scope") is None else str(get("scope")),
            country=_norm_country(get("country")),
            activity=get("activity"),
            value=value,
            unit=str(unit),
            gwp_set=get("gwp_set", "gwpSet"),
            source=get("source"),
            source_url=get("source_url", "sourceUrl"),
            year=int(year) if isinstance(year, (int, float)) and not isinstance(year, bool) else None,
            licence=get("licence"),
            dataset_version=get("dataset_version", "datasetVersion"),
        )


class EmissionFactorSet:
    """Lookup of emission factors by country (electricity grid) or fuel (activity).

    When several factors match, the most recent ``year`` wins.  Unusable rows are skipped and
    counted in ``rejected`` rather than raising.
    """

    def __init__(self, factors: Iterable[Any] = (), dataset_version: str | None = None) -> None:
        self._by_key: dict[str, EmissionFactorRecord] = {}
        self.rejected = 0
        if isinstance(factors, (str, bytes, Mapping)) or not isinstance(factors, Iterable):
            self.rejected, factors = 1, ()
        for item in factors:
            record = EmissionFactorRecord.from_any(item)
            if record is None:
                self.rejected += 1
                continue
            self._by_key[record.key] = record
        versions = {r.dataset_version for r in self._by_key.values() if r.dataset_version}
        self.dataset_version = dataset_version or (
            versions.pop() if len(versions) == 1 else ",".join(sorted(versions)) or None
        )

    @classmethod
    def default(cls) -> "EmissionFactorSet":
        """The shipped development data set (for tests and local runs)."""
        return cls(emission_factors())

    def __len__(self) -> int:
        return len(self._by_key)

    def by_key(self, key: str) -> EmissionFactorRecord | None:
        return self._by_key.get(key)

    def _latest(self, records: Iterable[EmissionFactorRecord]) -> EmissionFactorRecord | None:
        candidates = sorted(records, key=lambda r: (r.year or 0, r.key))
        return candidates[-1] if candidates else None

    def grid(self, country: Any) -> EmissionFactorRecord | None:
        """Location-based grid factor for an ISO 3166 alpha-2 country (or "EU27")."""
        code = _norm_country(country)
        if code is None:
            return None
        if code == EU_AVERAGE_COUNTRY:  # not an ISO code: stored without country, keyed grid:EU27:<year>
            return self._latest(
                r for r in self._by_key.values() if r.category == "electricity_grid" and r.key.startswith("grid:EU27:")
            )
        return self._latest(
            r for r in self._by_key.values() if r.category == "electricity_grid" and r.country == code
        )

    def fuel(self, activity: str | None, country: Any = None) -> EmissionFactorRecord | None:
        """Combustion factor for a fuel (EFRAG fuel-table key); a country-specific one first."""
        if not activity:
            return None
        matches = [r for r in self._by_key.values() if r.category == "fuel" and r.activity == activity]
        code = _norm_country(country)
        national = [r for r in matches if code and r.country == code]
        return self._latest(national) or self._latest(r for r in matches if not r.country)
