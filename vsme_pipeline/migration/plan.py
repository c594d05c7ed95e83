"""Planning: which revision runs against which database, in which direction. Pure, no I/O.

Every revision is recorded in every database (alembic's multidb model): a revision without an
``upgrade_<db>`` function is still recorded there. What a database applied must be closed under
"revises" (a revision only after the ones it revises). A failed revision is not applied: a rerun
plans it again. The revisions come in the graph's topological order with their parents (default:
a linear chain, each revising the one before); on a branched graph ``head`` is refused with the
heads named and the merge command, a named head is a valid target.

Targets:

- ``head``: the one head (every revision); ``base``: before the first;
- ``REV``: that revision (an unambiguous prefix is enough, e.g. ``0002``); after ``downgrade REV``
  the revision REV stays applied (as in alembic);
- ``+N``: N revisions past the least advanced database (in topological order); ``-N``: the N
  last applied revisions of the most advanced one reverted.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from vsme_pipeline.migration.errors import PlanError

Parents = Mapping[str, tuple[str, ...]]

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
    """The revision id that ``spec`` names exactly or by unambiguous prefix (of the id, or of the
    random part of a new id: ``3fa9`` for ``202612020130_3fa9c1d2_add_status``)."""
    if spec in chain:
        return spec
    matches = [rev for rev in chain if rev.startswith(spec) or _random_part(rev).startswith(spec)]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise PlanError(f"unknown revision '{spec}'")
    raise PlanError(f"revision '{spec}' is ambiguous: {', '.join(matches)}")


def _random_part(revision: str) -> str:
    parts = revision.split("_", 2)
    return parts[1] if len(parts) == 3 and len(parts[0]) == 12 and parts[0].isdigit() else "\0"


def linear_parents(chain: Sequence[str]) -> dict[str, tuple[str, ...]]:
    return {rev: ((chain[i - 1],) if i else ()) for i, rev in enumerate(chain)}


def heads_of(chain: Sequence[str], parents: Parents) -> list[str]:
    revised = {p for rev in chain for p in parents.get(rev, ())}
    return [rev for rev in chain if rev not in revised]


def ancestors(revision: str, parents: Parents) -> set[str]:
    """``revision`` and every revision it (transitively) revises."""
    seen: set[str] = set()
    todo = [revision]
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            todo.extend(parents.get(current, ()))
    return seen


def check_applied(chain: Sequence[str], applied: set[str], database: str, parents: Parents) -> None:
    """Refuse applied revisions the graph does not have, or one applied without its parents."""
    unknown = sorted(applied - set(chain))
    if unknown:
        raise PlanError(
            f"database '{database}' has applied revision(s) {', '.join(unknown)} that are not in the "
            "revisions directory (deleted or renamed script?)"
        )
    for rev in chain:
        missing = [p for p in parents.get(rev, ()) if p not in applied]
        if rev in applied and missing:
            raise PlanError(
                f"database '{database}' has {rev} applied but not {missing[0]}, which precedes "
                "it (a revision was inserted into the chain after later ones ran)"
            )


def applied_position(chain: Sequence[str], applied: set[str], database: str) -> int:
    """How many revisions of a linear chain ``database`` has applied (they must form a prefix)."""
    check_applied(chain, applied, database, linear_parents(chain))
    return len(applied)


def positions(chain: Sequence[str], applied: Mapping[str, set[str]]) -> dict[str, int]:
    return {database: applied_position(chain, revs, database) for database, revs in applied.items()}


def _merge_hint(heads: Sequence[str]) -> str:
    return (f"the revision graph has {len(heads)} heads: {', '.join(heads)}. Merge them first: "
            'vsme migrate merge -m "merge heads" (or name one head as the target)')


def resolve_target(chain: Sequence[str], current: Mapping[str, set[str]], spec: str, direction: Direction,
                   parents: Parents | None = None) -> set[str]:
    """The set of revisions that should be applied once ``spec`` is reached."""
    parents = parents if parents is not None else linear_parents(chain)
    spec = spec.strip()
    if spec == "head":
        heads = heads_of(chain, parents)
        if len(heads) > 1:
            raise PlanError(_merge_hint(heads))
        return set(chain)
    if spec == "base":
        return set()
    if spec[:1] in "+-" and spec[1:].isdigit():
        steps = int(spec[1:])
        if spec[0] == "+":
            if direction != "upgrade":
                raise PlanError(f"'{spec}' is an upgrade target; downgrade takes -N, REV or base")
            low = min(current.values(), key=len, default=set())
            pending = [rev for rev in chain if rev not in low]
            if steps > len(pending):
                raise PlanError(f"cannot upgrade {spec}: only {len(pending)} revision(s) after the current one")
            chosen = set(low) | set(pending[:steps])
            for rev in pending[:steps]:
                chosen |= ancestors(rev, parents)
            return chosen
        if direction != "downgrade":
            raise PlanError(f"'{spec}' is a downgrade target; upgrade takes +N, REV or head")
        high = max(current.values(), key=len, default=set())
        done = [rev for rev in chain if rev in high]
        if steps > len(done):
            raise PlanError(f"cannot downgrade {spec}: only {len(done)} revision(s) applied")
        return set(done[: len(done) - steps])
    return ancestors(resolve_revision(chain, spec), parents)


def plan_steps(
    chain: Sequence[str],
    applied: Mapping[str, set[str]],
    target: str,
    direction: Direction,
    functions: Mapping[str, set[tuple[str, str]]] | None = None,
    databases: Sequence[str] | None = None,
    parents: Parents | None = None,
) -> list[Step]:
    """The steps that take every database to ``target``.

    ``applied`` maps each database to the revisions applied there; ``functions`` maps a revision to
    its ``(direction, database)`` pairs that have code (missing: every step runs code);
    ``databases`` fixes the order (default: the order of ``applied``); ``parents`` the graph
    (default: linear). Upgrades go revision by revision in topological order, each through the
    databases in order; downgrades go backwards in both.
    """
    parents = parents if parents is not None else linear_parents(chain)
    order = list(databases or applied.keys())
    current = {db: set(applied.get(db, set())) for db in order}
    for db in order:
        check_applied(chain, current[db], db, parents)
    goal = resolve_target(chain, current, target, direction, parents)

    def has_code(revision: str, database: str) -> bool:
        return functions is None or (direction, database) in functions.get(revision, set())

    steps: list[Step] = []
    if direction == "upgrade":
        ahead = [db for db in order if current[db] - goal]
        if ahead:
            extra = [rev for rev in chain if rev in current[ahead[0]] - goal]
            raise PlanError(
                f"upgrade target '{target}' is behind database(s) {', '.join(ahead)} "
                f"(at {extra[-1]}): use downgrade"
            )
        for rev in chain:
            for db in order:
                if rev in goal and rev not in current[db]:
                    steps.append(Step(rev, db, "upgrade", has_code(rev, db)))
    else:
        behind = [db for db in order if goal - current[db]]
        if behind:
            raise PlanError(
                f"downgrade target '{target}' is ahead of database(s) {', '.join(behind)}: use upgrade"
            )
        for rev in reversed(chain):
            for db in reversed(order):
                if rev in current[db] and rev not in goal:
                    steps.append(Step(rev, db, "downgrade", has_code(rev, db)))
    return steps


def infer_direction(chain: Sequence[str], applied: Mapping[str, set[str]], target: str,
                    parents: Parents | None = None) -> Direction:
    """``plan TARGET`` without a direction: downgrade for ``base``/``-N`` or a revision behind every
    database, upgrade otherwise."""
    if target == "base" or target.startswith("-"):
        return "downgrade"
    if target == "head" or target.startswith("+"):
        return "upgrade"
    goal = resolve_target(chain, applied, target, "upgrade", parents)
    return "downgrade" if applied and all(revs > goal for revs in applied.values()) else "upgrade"
