"""Change detection that costs O(changed): the watermark of one stage and year (``stage_state``).

A reporting stage (validation, metrics, snapshots) runs in one of two modes:

- **incremental** (default): only the records whose inputs may have changed since the last
  successful run of the same stage and year are read. Two kinds of signal:

  * the *writers' clocks* (the web app's ``metadata.updatedAt``, Scope321's ``updatedAt``, new
    ObjectIds): compared with ``watermark - lookback``, where ``watermark`` is the pipeline's clock
    at the start of the last run and ``lookback`` covers clock skew (setting
    ``VSME_CHANGE_LOOKBACK_S``). The ``(id, updatedAt)`` pairs already handled inside the window
    are kept (``recent``), so a rerun does not read them again; a record without a usable
    ``updatedAt`` is always considered (and counted);
  * the *pipeline's own outputs* (``syncedAt`` of the directory, ``validatedAt`` of the results,
    ``changedAt`` of the metrics), all written by the pipeline's clock: compared strictly with the
    highest value seen by the last run (``marks``).

- **full**: every record of the year is read and re-hashed (the reconciliation). It runs when
  asked (the nightly reconciliation), on the first run, and when a global input changed (rule-set,
  formulas or emission-factor versions: ``inputs_hash``). A full run also works out what the
  incremental path would have selected, and reports the records it changed that the incremental
  path would have missed (:meth:`Detection.note_written`).

Nothing here holds more than the ids of the changed records.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from bson import ObjectId

from documents.pipeline.stage_state import StageState
from vsme_pipeline.pipeline.handles import WritableDatabase
from vsme_pipeline.pipeline.outputs import collection_name, output_values

STATE = collection_name(StageState)
DEFAULT_LOOKBACK = timedelta(minutes=10)
RECENT_LIMIT = 50_000
"""Handled pairs kept for the next run (beyond it the next run re-reads the window: correct, slower)."""
MISSED_SHOWN = 50
"""Missed record ids named in a stage's report (all are counted)."""


def utc(value: datetime) -> datetime:
    """``value`` as an aware UTC datetime (a naive one is taken as UTC)."""
    return _utc(value)


def _utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _key(kind: str, record_id: Any, at: Any) -> str:
    stamp = _utc(at).isoformat(timespec="milliseconds") if isinstance(at, datetime) else repr(at)
    return f"{kind}:{record_id}:{stamp}"


def usable_time(value: Any) -> datetime | None:
    """A writer's timestamp the incremental path can trust (a BSON date), else None."""
    return value if isinstance(value, datetime) else None


@dataclass
class Detection:
    """The change-detection state of one run of ``stage`` for ``year``."""

    stage: str
    year: int
    started: datetime
    inputs_hash: str
    requested_full: bool
    lookback: timedelta
    state: dict[str, Any] | None
    """The stored state when it is valid for ``inputs_hash`` (None: no state or a global change)."""
    reason: str
    shard: str | None = None
    """The company shard this state belongs to (None: the whole year)."""
    marks: dict[str, datetime | None] = field(default_factory=dict)
    handled: list[dict[str, Any]] = field(default_factory=list)
    selected: set[Any] | None = None
    """What the incremental path selects (full runs with a valid state: to tell what it missed)."""
    missed: list[Any] = field(default_factory=list)
    saved: dict[str, Any] = field(default_factory=dict)
    """A stage's own values stored with the state by :func:`commit` (:meth:`save`)."""
    _recent: set[str] = field(default_factory=set)

    @property
    def key(self) -> str:
        """The ``stage_state`` id of this stage, year and shard."""
        return state_id(self.stage, self.year, self.shard)

    def stored(self, name: str) -> Any:
        """A value the stage saved with the last valid state (None: none, or no valid state)."""
        return (self.state or {}).get(name)

    def save(self, name: str, value: Any) -> None:
        """Store ``value`` under ``name`` with the new state (a changed value is written even when
        nothing else changed)."""
        self.saved[name] = value

    @property
    def full_pass(self) -> bool:
        return self.requested_full or self.state is None

    @property
    def since(self) -> datetime | None:
        """Writers' timestamps at or after this are changes (None: no previous run)."""
        if self.state is None:
            return None
        return _utc(self.state["watermark"]) - self.lookback

    def since_id(self) -> ObjectId | None:
        """ObjectIds generated at or after :attr:`since` (new records, whatever their updatedAt)."""
        since = self.since
        return ObjectId.from_datetime(since) if since is not None else None

    def mark(self, name: str) -> datetime | None:
        """The highest value of one of the pipeline's own timestamps the last run had seen."""
        if self.state is None:
            return None
        value = (self.state.get("marks") or {}).get(name)
        return _utc(value) if isinstance(value, datetime) else None

    def raise_mark(self, name: str, values: Iterable[Any]) -> None:
        """Keep the highest of ``values`` (and of the previous mark) for the next run."""
        best = self.marks.get(name, self.mark(name))
        for value in values:
            if isinstance(value, datetime) and (best is None or _utc(value) > best):
                best = _utc(value)
        self.marks[name] = best

    def seen_before(self, kind: str, record_id: Any, at: Any) -> bool:
        """Whether ``(record_id, at)`` was handled by the last run (inside the look-back window)."""
        if not self._recent and self.state is not None:
            self._recent = {_key(r.get("kind", ""), r.get("id"), r.get("at")) for r in self.state.get("recent") or []}
        return _key(kind, record_id, at) in self._recent

    def remember(self, kind: str, record_id: Any, at: Any) -> None:
        """Handled in this run: the next run skips it while it is inside its look-back window (a
        pair the last run had handled is kept as it is: nothing new to store)."""
        if isinstance(at, datetime) and not self.seen_before(kind, record_id, at):
            self.handled.append({"kind": kind, "id": record_id, "at": at})

    def note_written(self, record_id: Any) -> None:
        """A full run changed ``record_id``: a miss when the incremental path had not selected it."""
        if self.selected is not None and record_id not in self.selected:
            self.missed.append(record_id)

    def recent_for_next_run(self) -> list[dict[str, Any]]:
        floor = self.started - self.lookback
        kept: dict[str, dict[str, Any]] = {}
        for pair in [*((self.state or {}).get("recent") or []), *self.handled]:
            at, record_id = pair.get("at"), pair.get("id")
            if not isinstance(at, datetime):
                continue
            # still inside the next run's window, by its updatedAt or by its (new) ObjectId
            newest = max(_utc(at), record_id.generation_time) if isinstance(record_id, ObjectId) else _utc(at)
            if newest >= floor:
                kept[_key(pair.get("kind", ""), record_id, at)] = pair
        return list(kept.values()) if len(kept) <= RECENT_LIMIT else []


def state_id(stage: str, year: int, shard: str | None = None) -> str:
    """The ``stage_state`` id of ``stage`` for ``year`` (and one company shard: each shard of a year
    keeps its own watermark, since its runs see only its companies)."""
    return f"{stage}:{year}" if shard is None else f"{stage}:{year}:{shard}"


class StatesAhead:
    """The states of the stages of one run (one year, one shard), read in one query by the first
    stage that needs one, each handed out once (a second :func:`begin` of the same stage, a retry,
    reads it again). A stage's state is written only by that stage's :func:`commit`, so reading the
    later stages' states first gives what they would read themselves."""

    def __init__(self, stages: Iterable[str], year: int, shard: str | None = None):
        self.ids = [state_id(stage, year, shard) for stage in stages]
        self._found: dict[str, dict[str, Any] | None] | None = None

    async def take(self, target: WritableDatabase, key: str) -> dict[str, Any] | None:
        if self._found is None:
            stored = {doc["_id"]: doc async for doc in target[STATE].find({"_id": {"$in": self.ids}})}
            self._found = {state: stored.get(state) for state in self.ids}
        return self._found.pop(key)

    def holds(self, key: str) -> bool:
        return key in self.ids and (self._found is None or key in self._found)


_ahead: ContextVar[StatesAhead | None] = ContextVar("vsme_states_ahead", default=None)


@contextmanager
def states_read_ahead(ahead: StatesAhead) -> Iterator[None]:
    """Inside this block :func:`begin` takes the states ``ahead`` holds from its one read."""
    token = _ahead.set(ahead)
    try:
        yield
    finally:
        _ahead.reset(token)


async def _stored_state(target: WritableDatabase, key: str) -> dict[str, Any] | None:
    ahead = _ahead.get()
    if ahead is not None and ahead.holds(key):
        return await ahead.take(target, key)
    result: dict[str, Any] | None = await target[STATE].find_one({"_id": key})
    return result


async def begin(target: WritableDatabase, stage: str, year: int, inputs_hash: str, *, full: bool, now: datetime,
                lookback: timedelta | None = None, shard: str | None = None) -> Detection:
    """Read the state of ``stage`` for ``year`` (and ``shard``) (one round trip; inside
    :func:`states_read_ahead`, the run's one read)."""
    stored = await _stored_state(target, state_id(stage, year, shard))
    state, reason = stored, "incremental"
    if stored is None:
        state, reason = None, "first run"
    elif stored.get("inputsHash") != inputs_hash:
        state, reason = None, "global inputs changed (rule set, formulas or emission factors)"
    elif full:
        reason = "reconciliation"
    return Detection(stage, year, _utc(now), inputs_hash, full, lookback if lookback is not None else DEFAULT_LOOKBACK,
                     state, reason, shard=shard)


async def commit(target: WritableDatabase, detection: Detection, report: Any) -> None:
    """Store the new state after a successful run (one round trip) and put the mode, the misses
    and the candidates into the stage's report."""
    report.extra["mode"] = "full" if detection.full_pass else "incremental"
    report.extra["mode_reason"] = detection.reason
    if detection.full_pass and detection.selected is not None:
        report.extra["missed_by_incremental"] = len(detection.missed)
        report.extra["missed_ids"] = [str(i) for i in detection.missed[:MISSED_SHOWN]]
    if not detection.full_pass and not detection.handled and all(
            detection.marks.get(name) == detection.mark(name) for name in detection.marks) and all(
            value == detection.stored(name) for name, value in detection.saved.items()):
        # nothing new seen: the stored state stays valid (its window only widens, and what is in
        # it was handled and is in ``recent``); saves a write per stage and year
        return
    values: dict[str, Any] = {
        **detection.saved,
        "stage": detection.stage,
        "reportingYear": detection.year,
        "shard": detection.shard,
        "watermark": detection.started,
        "inputsHash": detection.inputs_hash,
        "marks": {**((detection.state or {}).get("marks") or {}), **detection.marks},
        "recent": detection.recent_for_next_run(),
        "lastRunAt": detection.started,
    }
    if detection.full_pass:
        values["lastFullAt"] = detection.started
        values["lastMissed"] = len(detection.missed)
    # through the typed document (strict: a value of the wrong type raises, naming the field);
    # only these keys are set, so an incremental run keeps ``lastFullAt`` and ``lastMissed``
    await target[STATE].update_one({"_id": detection.key},
                                   {"$set": output_values(StageState, values, include=set(values))}, upsert=True)


def chunks[T](values: Iterable[T], size: int) -> Iterable[list[T]]:
    """``values`` in lists of at most ``size``."""
    chunk: list[T] = []
    for value in values:
        chunk.append(value)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def sortable(values: Iterable[Any]) -> list[Any]:
    """Ids sorted (ObjectIds first, in order; any other type after, by its text)."""
    return sorted(values, key=lambda v: (0, v.binary, "") if isinstance(v, ObjectId) else (1, b"", str(v)))
