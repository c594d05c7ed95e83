"""C4 Climate risks (paras 57-58)."""

from vsme_pipeline.validation.context import Context
from vsme_pipeline.validation.engine import Rule, rule
from vsme_pipeline.validation.rules._helpers import gate, require

RULES: list[Rule] = []
D = "C4"
FIELDS = (("hazards_and_transition_events", "57(a)"), ("exposure_assessment", "57(b)"), ("time_horizons", "57(c)"), ("has_adaptation_actions", "57(d)"))


@rule("C4.risks", "Hazards, exposure, horizons and adaptation when risks are identified (para 57)", RULES)
def check_risks(ctx: Context) -> None:
    if not ctx.in_scope(D) or not ctx.module_present(D):
        return
    c4 = ctx.module(D)
    # "No adaptation actions" is a natural answer when no risks were identified: only the
    # narrative fields (and a "yes" to adaptation actions) count as data behind the gate.
    data = [f for f, _ in FIELDS if f != "has_adaptation_actions"]
    if c4.flag("has_adaptation_actions") is True:
        data.append("has_adaptation_actions")
    if gate(ctx, D, c4, "has_climate_risks", data, "57",
            "Has the undertaking identified climate-related hazards or transition events?"):
        for field, paragraph in FIELDS:
            require(ctx, D, c4, field, paragraph)
