"""Company shards: a stable split of the companies of a year into ``shards`` disjoint parts (pure).

A shard is a function of the company id alone (a hash of its 12 bytes, not of Python's salted
``hash``), so every process, machine and run puts a company, and with it all of its reports,
results, metrics and snapshots, in the same shard; the shards of one year are disjoint and cover
it. Comparative rules read the previous year's report of the same company: same shard, so a
shard's work never reads another shard's outputs.
"""

import hashlib
from dataclasses import dataclass
from typing import Any

from bson import ObjectId

__all__ = ["CompanyFilter", "CompanyShard", "in_shard", "parse_shard_key", "shard_filter", "shard_key", "shard_of"]



def shard_of(company_id: ObjectId | str | bytes, shards: int) -> int:
    """The shard (``0 .. shards - 1``) of ``company_id``."""
    if shards < 1:
        raise ValueError(f"shards must be at least 1, got {shards}")
    if isinstance(company_id, ObjectId):
        raw = company_id.binary
    elif isinstance(company_id, bytes):
        raw = company_id
    else:
        raw = str(company_id).encode()
    digest = hashlib.blake2b(raw, digest_size=8).digest()
    return int.from_bytes(digest, "big") % shards


def shard_key(index: int, shards: int) -> str:
    """The partition key of one shard, e.g. ``"03-of-16"`` (sorts in order)."""
    if not 0 <= index < shards:
        raise ValueError(f"shard {index} is outside 0..{shards - 1}")
    width = len(str(shards - 1))
    return f"{index:0{width}d}-of-{shards}"


def parse_shard_key(key: str) -> tuple[int, int]:
    """``(index, shards)`` of a key made by :func:`shard_key` (``"03-of-16"`` → ``(3, 16)``)."""
    index, sep, shards = key.partition("-of-")
    if not sep or not index.isdigit() or not shards.isdigit():
        raise ValueError(f"not a shard key: {key!r} (expected e.g. '03-of-16')")
    if shard_key(int(index), int(shards)) != key:
        raise ValueError(f"not a shard key: {key!r} (expected {shard_key(int(index), int(shards))!r})")
    return int(index), int(shards)


@dataclass(frozen=True, slots=True)
class CompanyShard:
    """The company filter of shard ``index`` of ``shards``: called with a company id of any type,
    it says whether the shard handles that company (an invalid id, e.g. ``None``, still falls in
    exactly one shard, so its report is named by one run). ``key`` names the shard in stored state."""

    index: int
    shards: int

    def __post_init__(self) -> None:
        shard_key(self.index, self.shards)  # validates

    @property
    def key(self) -> str:
        return shard_key(self.index, self.shards)

    def __call__(self, company_id: Any) -> bool:
        raw = company_id if isinstance(company_id, ObjectId | str | bytes) else str(company_id)
        return shard_of(raw, self.shards) == self.index


CompanyFilter = CompanyShard
"""What the stages' ``company_filter`` accepts: one shard of a year."""


def shard_filter(index: int, shards: int) -> CompanyShard:
    """The company filter of shard ``index`` of ``shards``."""
    return CompanyShard(index, shards)


def in_shard(company_filter: CompanyShard | None, batch: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The documents of ``batch`` whose ``companyId`` the shard handles (all without a filter)."""
    return batch if company_filter is None else [doc for doc in batch if company_filter(doc.get("companyId"))]
