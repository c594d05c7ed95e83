"""C7 Severe negative human rights incidents (para 62)."""

from vsme_pipeline.validation.context import Context
from vsme_pipeline.validation.engine import Rule, rule
from vsme_pipeline.validation.rules._helpers import gate, require

RULES: list[Rule] = []
D = "C7"


@rule("C7.incidents", "Confirmed incidents: type, other specification, value-chain specification (para 62)", RULES)
def check_incidents(ctx: Context) -> None:
    if not ctx.in_scope(D) or not ctx.module_present(D):
        return
    c7 = ctx.module(D)
    require(ctx, D, c7, "has_confirmed_incidents", "62(a)")
    if gate(ctx, D, c7, "has_confirmed_incidents", ["incident_types", "other_incident_specification"], "62(a)",
            "Are there confirmed human rights incidents in the own workforce?"):
        require(ctx, D, c7, "incident_types", "62(a)")
        types = c7.value("incident_types")
        if isinstance(types, list) and "other" in types:
            require(ctx, D, c7, "other_incident_specification", "62(a)")
    require(ctx, D, c7, "aware_of_value_chain_incidents", "62(c)")
    if gate(ctx, D, c7, "aware_of_value_chain_incidents", ["value_chain_incidents_specification"], "62(c)",
            "Is the undertaking aware of confirmed incidents involving value-chain workers, communities or consumers?"):
        require(ctx, D, c7, "value_chain_incidents_specification", "62(c)")
