"""Company shards: a stable split of the companies of a year into ``shards`` disjoint parts (pure).

A shard is a function of the company id alone (a hash of its 12 bytes, not of Python's salted
``hash``), so every process, machine and run puts a company, and with it all of its reports,
results, metrics and snapshots, in the same shard; the shards of one year are disjoint and cover
it. Comparative rules read the previous year's report of the same company: same shard, so a
shard's work never reads another shard's outputs.
"""

import hashlib

from bson import ObjectId

__all__ = ["shard_key", "shard_of"]


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
