"""The result type of every calculated metric.

A :class:`Metric` is self-describing: it carries its value *and* unit, the inputs it was computed
from, the formula text and version, whether it rests on an estimate, and which reference data
(emission-factor keys, fuel parameters) it used.  A metric that cannot be computed is still a
``Metric`` (``computable=False``, ``value=None``) with a human-readable ``reason`` — never a silent 0
and never an exception.

Values are :class:`~decimal.Decimal` in memory.  ``model_dump()`` turns them into floats (the web
app and MongoDB store numbers as floats, see CONVENTIONS.md); ``model_dump(mode="json")`` gives
strings so that no precision is lost in JSON snapshots.
"""

from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, SerializationInfo, field_serializer
from pydantic.alias_generators import to_camel

# Version of the formula catalogue as a whole.  Bump the minor when a formula is added, the major
# when an existing formula changes its result for the same inputs.
FORMULAS_VERSION = "vsme-formulas-1.1.0"  # 1.1: EFRAG template 1.3.0 conventions added


def _plain(value: Any, json_mode: bool) -> Any:
    """Recursively turn Decimals into floats (python mode) or strings (json mode)."""
    if isinstance(value, Decimal):
        return format(value, "f") if json_mode else float(value)
    if isinstance(value, dict):
        return {str(k): _plain(v, json_mode) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v, json_mode) for v in value]
    return value


class Metric(BaseModel):
    """One calculated metric with its provenance."""

    # camelCase when dumped (MongoDB convention: formulaVersion, ...); snake_case attributes.
    model_config = ConfigDict(frozen=True, alias_generator=to_camel, populate_by_name=True, serialize_by_alias=True)

    key: str = Field(description='Stable key, e.g. "b3.scope1_tco2e".')
    disclosure: str = Field(description='VSME disclosure, e.g. "B3".')
    value: Decimal | None = None
    result: str | bool | None = Field(
        default=None, description="Categorical outcome (size class, band, yes/no); value stays None."
    )
    unit: str
    computable: bool
    reason: str | None = Field(default=None, description="Why the metric is not computable.")
    inputs: dict[str, Any] = Field(default_factory=dict)
    formula: str
    formula_version: str = FORMULAS_VERSION
    estimated: bool = False
    source: list[str] = Field(default_factory=list, description="Reference data used (factor keys).")
    notes: list[str] = Field(default_factory=list)

    @field_serializer("value", "inputs")
    def _serialise_numbers(self, value: Any, info: SerializationInfo) -> Any:
        return _plain(value, info.mode_is_json())

    def rounded(self, places: int = 2) -> Decimal | None:
        """Presentation rounding (half-up); calculations never round."""
        if self.value is None:
            return None
        return self.value.quantize(Decimal(1).scaleb(-places), rounding="ROUND_HALF_UP")


class MetricSet(BaseModel):
    """All metrics calculated for one report."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, serialize_by_alias=True)

    formulas_version: str = FORMULAS_VERSION
    factor_dataset_version: str | None = None
    metrics: dict[str, Metric] = Field(default_factory=dict)

    def add(self, metric: Metric) -> Metric:
        self.metrics[metric.key] = metric
        return metric

    def get(self, key: str) -> Metric | None:
        return self.metrics.get(key)

    def value(self, key: str) -> Decimal | None:
        """The value of a computable metric, else None."""
        metric = self.metrics.get(key)
        return metric.value if metric is not None and metric.computable else None
