"""Planning: which revision runs against which database, in which direction. Pure, no I/O.

Every revision is recorded in every database (alembic's multidb model): a revision without an
``upgrade_<db>`` function is still recorded there, so each database's position in the chain is
simply the length of its applied prefix. A failed revision is not applied: a rerun plans it again.

Targets:

- ``head``: the last revision; ``base``: before the first;
- ``REV``: that revision (an unambiguous prefix is enough, e.g. ``0002``); after ``downgrade REV``
  the revision REV stays applied (as in alembic);
- ``+N``: N revisions past the least advanced database; ``-N``: N revisions before the most
  advanced one.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from vsme_pipeline.migration.errors import PlanError

Direction = Literal["upgrade", "downgrade"]


@dataclass(frozen=True)
class Step:
    """Run (or record) one revision against one database."""

    revision: str
    database: str
    direction: Direction
    runs_code: bool = True

    def describe(self) -> str:
        action = self.direction if self.runs_code else f"{self.direction} (record only: no {self.direction}_{self.database})"
        return f"{self.revision} -> {self.database}: {action}"


def resolve_revision(chain: Sequence[str], spec: str) -> str:
    """The revision id that ``spec`` names exactly or by unambiguous prefix."""
    if spec in chain:
        return spec
    matches = [rev for rev in chain if rev.startswith(spec)]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise PlanError(f"unknown revision '{spec}'")
    raise PlanError(f"revision '{spec}' is ambiguous: {', '.join(matches)}")


def applied_position(chain: Sequence[str], applied: set[str], database: str) -> int:
    """How many revisions of the chain ``database`` has applied (they must form a prefix)."""
    unknown = sorted(applied - set(chain))
    if unknown:
        raise PlanError(
            f"database '{database}' has applied revision(s) {', '.join(unknown)} that are not in the "
            "revisions directory (deleted or renamed script?)"
        )
    position = 0
    while position < len(chain) and chain[position] in applied:
        position += 1
    gaps = [rev for rev in chain[position:] if rev in applied]
    if gaps:
        raise PlanError(
            f"database '{database}' has {', '.join(gaps)} applied but not {chain[position]}, which precedes "
            "it (a revision was inserted into the chain after later ones ran)"
        )
    return position


def positions(chain: Sequence[str], applied: Mapping[str, set[str]]) -> dict[str, int]:
    return {database: applied_position(chain, revs, database) for database, revs in applied.items()}


def resolve_target(chain: Sequence[str], current: Mapping[str, int], spec: str, direction: Direction) -> int:
    """The chain position (number of applied revisions) that ``spec`` asks for."""
    spec = spec.strip()
    low = min(current.values(), default=0)
    high = max(current.values(), default=0)
    if spec == "head":
        return len(chain)
    if spec == "base":
        return 0
    if spec[:1] in "+-" and spec[1:].isdigit():
        steps = int(spec[1:])
        if spec[0] == "+":
            if direction != "upgrade":
                raise PlanError(f"'{spec}' is an upgrade target; downgrade takes -N, REV or base")
            target = low + steps
            if target > len(chain):
                raise PlanError(f"cannot upgrade {spec}: only {len(chain) - low} revision(s) after the current one")
            return target
        if direction != "downgrade":
            raise PlanError(f"'{spec}' is a downgrade target; upgrade takes +N, REV or head")
        target = high - steps
        if target < 0:
            raise PlanError(f"cannot downgrade {spec}: only {high} revision(s) applied")
        return target
    return chain.index(resolve_revision(chain, spec)) + 1


def plan_steps(
    chain: Sequence[str],
    applied: Mapping[str, set[str]],
    target: str,
    direction: Direction,
    functions: Mapping[str, set[tuple[str, str]]] | None = None,
    databases: Sequence[str] | None = None,
) -> list[Step]:
    """The steps that take every database to ``target``.

    ``applied`` maps each database to the revisions applied there; ``functions`` maps a revision to
    its ``(direction, database)`` pairs that have code (missing: every step runs code);
    ``databases`` fixes the order (default: the order of ``applied``). Upgrades go revision by
    revision, each through the databases in order; downgrades go backwards in both.
    """
    order = list(databases or applied.keys())
    current = positions(chain, {db: applied.get(db, set()) for db in order})
    goal = resolve_target(chain, current, target, direction)

    def has_code(revision: str, database: str) -> bool:
        return functions is None or (direction, database) in functions.get(revision, set())

    steps: list[Step] = []
    if direction == "upgrade":
        ahead = [db for db in order if current[db] > goal]
        if ahead:
            raise PlanError(
                f"upgrade target '{target}' is behind database(s) {', '.join(ahead)} "
                f"(at {chain[current[ahead[0]] - 1]}): use downgrade"
            )
        for index in range(min(current.values(), default=0), goal):
            for db in order:
                if current[db] <= index:
                    steps.append(Step(chain[index], db, "upgrade", has_code(chain[index], db)))
    else:
        behind = [db for db in order if current[db] < goal]
        if behind:
            raise PlanError(
                f"downgrade target '{target}' is ahead of database(s) {', '.join(behind)}: use upgrade"
            )
        for index in reversed(range(goal, max(current.values(), default=0))):
            for db in reversed(order):
                if current[db] > index:
                    steps.append(Step(chain[index], db, "downgrade", has_code(chain[index], db)))
    return steps


def infer_direction(chain: Sequence[str], applied: Mapping[str, set[str]], target: str) -> Direction:
    """``plan TARGET`` without a direction: downgrade for ``base``/``-N`` or a revision behind every
    database, upgrade otherwise."""
    if target == "base" or target.startswith("-"):
        return "downgrade"
    if target == "head" or target.startswith("+"):
        return "upgrade"
    current = positions(chain, applied)
    goal = resolve_target(chain, current, target, "upgrade")
    return "downgrade" if current and all(pos > goal for pos in current.values()) else "upgrade"
