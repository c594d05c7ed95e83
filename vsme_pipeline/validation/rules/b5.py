"""B5 Biodiversity (paras 33-34; guidance 134-141)."""

from decimal import Decimal

from vsme_pipeline.validation.context import Context
from vsme_pipeline.validation.engine import Rule, rule
from vsme_pipeline.validation.rules._helpers import fmt, gate, require

RULES: list[Rule] = []
D = "B5"


@rule("B5.sites", "Number and area of sites in or near biodiversity-sensitive areas, 0 if none (para 33)", RULES)
def check_sites(ctx: Context) -> None:
    b5 = ctx.module(D)
    applies = gate(ctx, D, b5, "has_sites_in_or_near_sensitive_areas", ["sites", "total_area_in_or_near_sensitive_areas"], "33",
                   "Does any site lie in or near a biodiversity-sensitive area?")
    number = b5.number("number_of_sites_in_or_near_sensitive_areas")
    if b5.flag("has_sites_in_or_near_sensitive_areas") is None and number is None:
        require(ctx, D, b5, "number_of_sites_in_or_near_sensitive_areas", "33", "Enter 0 if no site is in or near such an area.")
    if not applies:
        if b5.flag("has_sites_in_or_near_sensitive_areas") is False and number is not None and number > 0:
            ctx.error(D, b5.path("number_of_sites_in_or_near_sensitive_areas"), "B5_SITES_CONTRADICT_GATE",
                      "Sites in or near biodiversity-sensitive areas are counted although the answer is 'no'.", "33")
        return
    require(ctx, D, b5, "number_of_sites_in_or_near_sensitive_areas", "33")
    require(ctx, D, b5, "total_area_in_or_near_sensitive_areas", "33")
    listed = list(b5.items("sites"))
    if listed and number is not None and Decimal(len(listed)) != number:
        ctx.warning(D, b5.path("number_of_sites_in_or_near_sensitive_areas"), "B5_SITE_COUNT_MISMATCH",
                    f"{fmt(number)} sites are stated but {len(listed)} are listed.", "33")
    for site in listed:
        if site.flag("in_sensitive_area") is None and site.flag("near_sensitive_area") is None:
            ctx.warning(D, site.path("in_sensitive_area"), "B5_SITE_LOCATION_UNANSWERED",
                        "Say whether the site is in or near the biodiversity-sensitive area.", "33")
