"""Standard editions → rule sets.

A report names its ``standard_edition``; the edition selects the :class:`RuleSet`.  Rule sets are
composed from the per-disclosure rule lists plus :class:`EditionParameters`, so a new edition is
added here without touching the rules of the existing ones:

* ``efrag-2024-12``: EFRAG VSME standard of 17 December 2024;
* ``rec-2025-1710``: Commission Recommendation (EU) 2025/1710, Annex I — same requirements and
  paragraph numbers as the EFRAG text (the guidance is renumbered in Annex II);
* ``dr-2026``: stub for the 2026 delegated act replacing the Recommendation.  Its differences come
  from secondary sources only [unconfirmed]: turnover rate moves to C5, pay gap only where other law
  requires it (not enforced here), training without gender split, no GHG intensity.
"""

from dataclasses import replace

from vsme_pipeline.validation.context import EditionParameters
from vsme_pipeline.validation.engine import Rule, RuleSet
from vsme_pipeline.validation.rules import (
    b1,
    b2,
    b3,
    b4,
    b5,
    b6,
    b7,
    b8,
    b9,
    b10,
    b11,
    c1,
    c2,
    c3,
    c4,
    c5,
    c6,
    c7,
    c8,
    c9,
    report,
    schema,
)

DEFAULT_EDITION = "rec-2025-1710"

_BASE_RULES: tuple[Rule, ...] = tuple(
    r
    for module in (schema, report, b1, b2, b3, b4, b5, b6, b7, b8, b9, b10, b11, c1, c2, c3, c4, c5, c6, c7, c8, c9)
    for r in module.RULES
)

EFRAG_2024_12 = RuleSet(
    edition="efrag-2024-12",
    version="efrag-2024-12/1.0.0",
    rules=_BASE_RULES,
    params=EditionParameters(),
    description="EFRAG VSME standard, 17 December 2024",
)

REC_2025_1710 = RuleSet(
    edition="rec-2025-1710",
    version="rec-2025-1710/1.0.0",
    rules=_BASE_RULES,
    params=EditionParameters(),
    description="Commission Recommendation (EU) 2025/1710, Annex I",
)

DR_2026 = RuleSet(
    edition="dr-2026",
    version="dr-2026/0.1.0-draft",
    rules=REC_2025_1710.replace_rules(remove=["B8.turnover_rate", "B3.intensity"], add=[c5.TURNOVER_RATE_RULE]),
    params=replace(
        EditionParameters(),
        turnover_rate_disclosure="C5",
        pay_gap_required=False,
        training_by_gender=False,
        ghg_intensity=False,
    ),
    description="Delegated act under Art. 29ca Accounting Directive (2026) — draft, unconfirmed differences",
)

EDITIONS: dict[str, RuleSet] = {rs.edition: rs for rs in (EFRAG_2024_12, REC_2025_1710, DR_2026)}


def rule_set_for(edition: object) -> RuleSet | None:
    """The rule set of a known edition, else None."""
    return EDITIONS.get(edition) if isinstance(edition, str) else None
