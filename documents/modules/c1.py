"""C1 - Strategy: business model and sustainability-related initiatives (VSME para 47; guidance 212)."""

from documents.base import CamelModel, boolean, text

__all__ = ["C1StrategyAndBusinessModel"]


class C1StrategyAndBusinessModel(CamelModel):
    """C1: products and services, markets, business relationships, sustainability strategy."""

    products_and_services: str | None = text(
        "DescriptionOfSignificantGroupsOfProductsAndOrServicesOffered", paragraph="47(a)"
    )
    significant_markets: str | None = text("DescriptionOfSignificantMarketsTheUndertakingOperatesIn", paragraph="47(b)")
    main_business_relationships: str | None = text(
        "DescriptionOfMainBusinessRelationships",
        paragraph="47(c)",
        description="Key suppliers (estimated number, sectors, countries), customers, channels.",
    )
    has_sustainability_strategy_elements: bool | None = boolean(
        description="Gate: strategy has elements relating to sustainability issues.", paragraph="47(d)"
    )
    key_strategy_elements: str | None = text(
        "DescriptionOfKeyElementsOfStrategyThatRelatesToOrAffectsSustainabilityIssues", paragraph="47(d)"
    )
