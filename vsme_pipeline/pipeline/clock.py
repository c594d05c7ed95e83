"""The pipeline's notion of now: UTC, millisecond precision (what MongoDB stores)."""

from datetime import UTC, datetime


def utcnow() -> datetime:
    now = datetime.now(UTC)
    return now.replace(microsecond=(now.microsecond // 1000) * 1000)
