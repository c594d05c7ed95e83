"""The incremental sync's position in a Scope321 collection (pure).

A position is the ``(updatedAt, _id)`` of the last document read. The next incremental read takes
documents strictly after it, in that order, so documents sharing a timestamp are neither missed
nor read twice. Documents without ``updatedAt`` are only seen by the full reconciliation.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bson import ObjectId


@dataclass(frozen=True)
class Position:
    updated_at: datetime | None = None
    last_id: ObjectId | None = None

    @classmethod
    def from_state(cls, state: dict[str, Any], prefix: str) -> "Position":
        return cls(state.get(f"{prefix}Cursor"), state.get(f"{prefix}CursorId"))

    def to_state(self, prefix: str) -> dict[str, Any]:
        return {f"{prefix}Cursor": self.updated_at, f"{prefix}CursorId": self.last_id}

    def after_filter(self) -> dict[str, Any]:
        """MongoDB filter for the documents after this position (all of them at the start)."""
        if self.updated_at is None:
            return {}
        if self.last_id is None:
            return {"updatedAt": {"$gte": self.updated_at}}
        return {"$or": [{"updatedAt": {"$gt": self.updated_at}},
                        {"updatedAt": self.updated_at, "_id": {"$gt": self.last_id}}]}

    def advance(self, document: dict[str, Any]) -> "Position":
        """The later of this position and the document's."""
        updated_at = document.get("updatedAt")
        if not isinstance(updated_at, datetime):
            return self
        if self.updated_at is None or (updated_at, document["_id"]) > (self.updated_at, self.last_id or ObjectId("0" * 24)):
            return Position(updated_at, document["_id"])
        return self


ORDER = [("updatedAt", 1), ("_id", 1)]
"""Sort order of an incremental read."""

ORDER_NEWEST = [("updatedAt", -1), ("_id", -1)]
"""Newest first, on the same (updatedAt, _id) index."""
