"""Migration state as the pipeline reads it (revisions for snapshots, pending revisions, drift)."""

from typing import Any

from vsme_pipeline.connections import Databases


def _databases(scope321: Any, vsme_guru: Any, reference: Any) -> Databases:
    # The migration API takes a Databases; read-only wrappers stand in for scope321 and reference
    # (status and drift only read, and the wrappers make sure of it).
    return Databases(scope321=scope321, vsme_guru=vsme_guru, reference=reference)


async def migration_revisions(scope321: Any, vsme_guru: Any, reference: Any) -> dict[str, str | None]:
    """``{"scope321": rev, "vsme_guru": rev}``: the last applied revision of each database."""
    from vsme_pipeline.migration import current_revisions

    revisions = await current_revisions(_databases(scope321, vsme_guru, reference))
    return {"scope321": revisions.get("scope321"), "vsme_guru": revisions.get("vsme_guru")}


async def pending_migrations(scope321: Any, vsme_guru: Any, reference: Any) -> dict[str, list[str]]:
    """Database key -> revisions not applied yet (empty lists when up to date)."""
    from vsme_pipeline.migration import pending_revisions

    return await pending_revisions(_databases(scope321, vsme_guru, reference))


async def schema_differences(database: Any, key: str) -> list[str]:
    """Differences between the live collections of ``database`` and what the documents declare
    (validators, validation actions, indexes), one readable line each."""
    from vsme_pipeline.migration import desired_schema, diff_schema, read_live_schema

    live = await read_live_schema(database)
    differences = diff_schema(desired_schema().get(key, {}), live, database=key)
    return [f"{key}.{d.collection}: {d.kind}: {d.detail}" for d in differences if d.severity == "error"]
