"""Types, units and bounds, derived from the module models (data-driven, no per-field code).

Each module sub-document is validated against its pydantic model (``documents.modules``): the
models carry the bounds (quantities ≥ 0, percentages 0–100, latitude −90…90, longitude −180…180,
ISO country codes, enumerations).  Every pydantic error becomes one finding at the alias path of
the offending value.  The stored document is never modified.
"""

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError
from pydantic.alias_generators import to_camel

from vsme_pipeline.validation.context import Context
from vsme_pipeline.validation.engine import Rule

_BOUND_TYPES = {"greater_than_equal", "greater_than", "less_than_equal", "less_than"}


def _registry() -> dict[str, Any]:
    from documents.modules import DISCLOSURES  # local: the schema package is optional for the engine

    return DISCLOSURES


def _classify(error: Mapping[str, Any]) -> tuple[str, str]:
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    value = error.get("input")
    if kind in _BOUND_TYPES:
        if kind == "greater_than_equal" and float(ctx.get("ge", 1)) == 0:
            return "NEGATIVE_VALUE", f"must not be negative (got {value!r})"
        bound = ctx.get("ge", ctx.get("gt", ctx.get("le", ctx.get("lt"))))
        direction = "at least" if kind.startswith("greater") else "at most"
        return "VALUE_OUT_OF_RANGE", f"must be {direction} {bound} (got {value!r})"
    if kind.endswith("_parsing") or kind.endswith("_type") or kind == "model_attributes_type":
        return "INVALID_TYPE", f"has the wrong type ({error.get('msg')}; got {value!r})"
    if kind == "string_pattern_mismatch":
        return "INVALID_FORMAT", f"has an invalid format (got {value!r}; expected pattern {ctx.get('pattern')})"
    if kind == "missing":
        return "MISSING_VALUE", "is missing in a row that needs it"
    return "INVALID_VALUE", f"is not an allowed value ({error.get('msg')}; got {value!r})"


def check_types_and_bounds(ctx: Context) -> None:
    """One finding per invalid value in any module, by disclosure."""
    try:
        registry = _registry()
    except ImportError:  # pragma: no cover - documents package always ships with the pipeline
        return
    modules = ctx.report.value("modules")
    if modules is not None and not isinstance(modules, Mapping):
        ctx.error("REPORT", "modules", "REPORT_MODULES_INVALID_TYPE", "The report's modules are not a document.")
        return
    for code, model in registry.items():
        key = code.lower()
        data = ctx.report.value(f"modules.{key}")
        if data is None:
            continue
        if not isinstance(data, Mapping):
            ctx.error(code, f"modules.{key}", f"{code}_INVALID_TYPE", f"The {code} data is not a document (got {type(data).__name__}).")
            continue
        try:
            model.model_validate(dict(data))
        except ValidationError as exc:
            for error in exc.errors():
                loc = [str(p) if isinstance(p, int) else to_camel(str(p)) for p in error.get("loc", ())]
                path = ".".join(["modules", key, *loc])
                suffix, detail = _classify(error)
                field = next((p for p in reversed(loc) if not p.isdigit()), key)
                ctx.error(code, path, f"{code}_{suffix}", f"{code} field '{field}' {detail}.")


RULES = [Rule("SCHEMA.types_and_bounds", "REPORT", "Types, units and bounds from the module models", check_types_and_bounds)]
