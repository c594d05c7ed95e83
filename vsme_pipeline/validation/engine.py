"""Rule-engine core: a rule is a named function that inspects a :class:`Context` and adds findings.

A :class:`RuleSet` is plain data — an ordered tuple of rules plus the edition parameters — so an
edition is defined by composing rule lists (see ``editions.py``).  The engine isolates rules from
each other: a rule that fails on unexpected data produces a ``RULE_FAILED`` warning at the module
path instead of aborting validation.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from vsme_pipeline.validation.context import Context, EditionParameters

Check = Callable[[Context], None]


@dataclass(frozen=True)
class Rule:
    """One validation rule: ``id`` is stable (e.g. ``"B8.gender_split"``)."""

    id: str
    disclosure: str
    description: str
    check: Check


@dataclass(frozen=True)
class RuleSet:
    """The rules of one standard edition."""

    edition: str
    version: str
    rules: tuple[Rule, ...]
    params: EditionParameters = field(default_factory=EditionParameters)
    description: str = ""

    def replace_rules(self, remove: Iterable[str] = (), add: Iterable[Rule] = ()) -> tuple[Rule, ...]:
        """The rules without the ids in ``remove`` plus ``add`` (to derive a new edition)."""
        dropped = set(remove)
        return tuple(r for r in self.rules if r.id not in dropped) + tuple(add)


def rule(rule_id: str, description: str, registry: list[Rule]) -> Callable[[Check], Check]:
    """Decorator registering a check function as a :class:`Rule` in ``registry``."""

    def decorate(check: Check) -> Check:
        registry.append(Rule(rule_id, rule_id.split(".")[0], description, check))
        return check

    return decorate


def run(rule_set: RuleSet, ctx: Context) -> None:
    """Run every rule of the set; a failing rule becomes a ``RULE_FAILED`` warning.

    The rules of a disclosure omitted as classified or sensitive (para 19, listed per B1 24(b)) are
    skipped: the omission is allowed, so nothing of it is "missing" (its data, if any, is kept and
    still type-checked by the schema rule).
    """
    omitted = ctx.omitted_as_sensitive()
    for r in rule_set.rules:
        if r.disclosure in omitted:
            continue
        ctx.current_rule = r.id
        try:
            r.check(ctx)
        except Exception as exc:  # noqa: BLE001 - never raise on bad data
            disclosure = r.disclosure if r.disclosure != "REPORT" else "REPORT"
            path = f"modules.{disclosure.lower()}" if disclosure != "REPORT" else "modules"
            ctx.warning(
                disclosure,
                path,
                "RULE_FAILED",
                f"Rule {r.id} could not check this part of the report ({type(exc).__name__}); "
                "please review it manually.",
            )
    ctx.current_rule = None
