"""B7 Resource use, circular economy and waste (paras 37-38; guidance 159-174)."""

from decimal import Decimal

from vsme_pipeline.calculations.access import DocView
from vsme_pipeline.validation.context import Context
from vsme_pipeline.validation.engine import Rule, rule
from vsme_pipeline.validation.findings import Severity
from vsme_pipeline.validation.rules._helpers import gate, not_greater, require, require_any, sum_check

RULES: list[Rule] = []
D = "B7"
MATERIAL_FLOW_DIVISIONS = {str(d) for d in range(10, 34)} | {"41", "42", "43"}  # NACE C and F


@rule("B7.circular_economy", "Whether and how circular-economy principles are applied (para 37)", RULES)
def check_circular(ctx: Context) -> None:
    b7 = ctx.module(D)
    require(ctx, D, b7, "applies_circular_economy_principles", "37")
    if b7.flag("applies_circular_economy_principles"):
        require(ctx, D, b7, "circular_economy_description", "37", "Describe how the principles are applied.")


def _generated(b7: DocView, unit: str) -> Decimal | None:
    """Waste generated: the stated total, else hazardous + non-hazardous when both are given."""
    stated = b7.number(f"total_waste_{unit}")
    if stated is not None:
        return stated
    hazardous, non_hazardous = b7.number(f"total_hazardous_waste_{unit}"), b7.number(f"total_non_hazardous_waste_{unit}")
    return None if hazardous is None or non_hazardous is None else hazardous + non_hazardous


@rule("B7.waste", "Waste generated (hazardous + non-hazardous = total) and diverted ≤ generated (para 38)", RULES)
def check_waste(ctx: Context) -> None:
    b7 = ctx.module(D)
    if b7.flag("only_household_waste"):
        return  # guidance 160: para 38 may be omitted
    for unit in ("mass", "volume"):
        sum_check(ctx, D, b7, [f"total_hazardous_waste_{unit}", f"total_non_hazardous_waste_{unit}"], b7.number(f"total_waste_{unit}"),
                  "the total waste generated", "B7_WASTE_TOTAL_MISMATCH", "hazardous and non-hazardous waste", "38(a)",
                  relative=True, report_at=f"total_waste_{unit}")
        not_greater(ctx, D, b7.path(f"total_waste_diverted_{unit}"), b7.number(f"total_waste_diverted_{unit}"),
                    _generated(b7, unit), "B7_RECYCLED_EXCEEDS_GENERATED",
                    "Waste diverted to recycling or reuse exceeds the waste generated", "38(b)")
        sum_check(ctx, D, b7, [f"total_waste_diverted_{unit}", f"total_waste_disposed_{unit}"], b7.number(f"total_waste_{unit}"),
                  "the total waste generated", "B7_WASTE_DESTINATION_MISMATCH", "waste diverted and directed to disposal", "38",
                  relative=True, severity=Severity.WARNING, report_at=f"total_waste_{unit}")
    require_any(ctx, D, b7, ["total_hazardous_waste_mass", "total_hazardous_waste_volume"], "B7_HAZARDOUS_WASTE_MISSING",
                "Give the hazardous waste generated (0 if none), or state that only household waste is generated.", "38(a)")
    require_any(ctx, D, b7, ["total_non_hazardous_waste_mass", "total_non_hazardous_waste_volume"], "B7_NON_HAZARDOUS_WASTE_MISSING",
                "Give the non-hazardous waste generated, or state that only household waste is generated.", "38(a)")
    require_any(ctx, D, b7, ["total_waste_diverted_mass", "total_waste_diverted_volume"], "B7_WASTE_DIVERTED_MISSING",
                "Give the waste diverted to recycling or reuse (0 if none).", "38(b)")
    for stream in b7.items("waste_streams"):
        for unit in ("mass", "volume"):
            sum_check(ctx, D, stream, [f"diverted_to_recycling_or_reuse_{unit}", f"directed_to_disposal_{unit}"],
                      stream.number(f"total_{unit}"), "the waste type's total", "B7_WASTE_STREAM_MISMATCH",
                      "waste diverted and directed to disposal", "38", relative=True, report_at=f"total_{unit}")


def _in_material_flow_sector(ctx: Context) -> bool:
    codes = ctx.report.value("modules.b1.nace_codes") or ctx.company.value("nace_codes") or []
    for code in codes if isinstance(codes, list) else []:
        if isinstance(code, str):
            digits = code.strip().lstrip("ABCDEFGHIJKLMNOPQRSTUV").strip()
            if digits[:2] in MATERIAL_FLOW_DIVISIONS or digits.startswith("82.92"):
                return True
    return False


@rule("B7.materials", "Material mass-flow in sectors with significant material flows (38(c), guidance 174)", RULES)
def check_materials(ctx: Context) -> None:
    b7 = ctx.module(D)
    applies = gate(ctx, D, b7, "material_flow_relevant", ["materials", "total_mass_of_materials_used"], "38(c)",
                   "Does the undertaking operate in a sector with significant material flows?")
    if b7.flag("material_flow_relevant") is None and not applies and _in_material_flow_sector(ctx):
        ctx.warning(D, b7.path("material_flow_relevant"), "B7_MATERIAL_FLOW_SECTOR",
                    "The NACE code is in manufacturing, construction or packaging (C, F, N82.92): "
                    "report the mass-flow of relevant materials or say why it is not significant.", "38(c)")
    if applies:
        require_any(ctx, D, b7, ["materials", "total_mass_of_materials_used", "total_volume_of_materials_used"],
                    "B7_MATERIALS_MISSING", "List the key materials used with their weight or volume.", "38(c)")
