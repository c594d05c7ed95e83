"""The development seed holds a record of each real source shape, and the stages read each:
architecture company and Prisma company (company sync), Prisma report (validation), Scope321's
own records (metrics). ``vsme run`` adds these ``source_shapes`` counts up in its summary."""

from typing import Any

from tests.pipeline.conftest import run_db
from vsme_pipeline.connections import read_only
from vsme_pipeline.migration import upgrade
from vsme_pipeline.orchestration.runner import RunSummary, _count_metadata
from vsme_pipeline.pipeline.company_sync import sync_companies
from vsme_pipeline.pipeline.metrics_stage import compute_year
from vsme_pipeline.pipeline.validation_stage import validate_year
from vsme_pipeline.sample_sources import ARCHITECTURE_ORG, PRISMA_ORG, architecture_company, prisma_records
from vsme_pipeline.seed import seed_sample_data
from vsme_pipeline.settings import load_settings


class _Value:
    def __init__(self, value: Any) -> None:
        self.value = self.data = value


def test_the_seed_holds_each_source_shape_and_the_stages_read_each(database_names):
    settings = load_settings()

    async def go(databases: Any) -> None:
        await upgrade(databases, "head", settings=settings)
        first = await seed_sample_data(databases, settings, source_shapes=True)
        assert {c.collection: c.inserted for c in first.counts if "source shapes" in c.collection} == {
            "scope321.companies (source shapes)": 2, "vsme_guru.reports (source shapes)": 1,
            "reference.companies (source shapes)": 8}
        again = await seed_sample_data(databases, settings, source_shapes=True)
        assert sum(c.inserted for c in again.counts) == 0, "seeding twice inserts nothing"

        target = databases.vsme_guru
        sync = await sync_companies(read_only(databases.scope321), target, full=True)
        assert sync.failed == 0, sync.problems
        shapes = sync.extra["source_shapes"]
        assert shapes.get("architecture_company", 0) > 0 and shapes.get("prisma_company", 0) == 1, shapes
        assert not [f for f in sync.extra.get("source_findings", []) if "prisma_company" in f], \
            "the Prisma company as 0003 leaves it maps without unknown fields"
        arch = await target["company_directory"].find_one({"companyId": architecture_company()["_id"]})
        assert arch is not None and arch["organizationId"] == ARCHITECTURE_ORG
        assert arch["profile"]["legalFormRaw"] == "AS" and arch["profile"]["legalForm"] is not None
        assert arch["profile"]["balanceSheetTotal"] == 41_000_000.0 and arch["profile"]["numberOfEmployees"] == 64.0
        [prisma_company], [prisma_report] = prisma_records()
        entry = await target["company_directory"].find_one({"companyId": prisma_company["_id"]})
        assert entry is not None and entry["organizationId"] == PRISMA_ORG
        assert entry["profile"]["organizationNumber"] == "987654321"

        validation = await validate_year(target, 2024)
        assert validation.extra["source_shapes"] == {"prisma_report": 1}
        result = await target["validation_results"].find_one({"reportId": prisma_report["_id"]})
        assert result is not None and result["organizationId"] == PRISMA_ORG
        stored = await target["reports"].find_one({"_id": prisma_report["_id"]})
        assert stored["migratedFromPrisma"]["original"]["year"] == 2024, "the Prisma original is kept"
        assert stored["modules"]["b3"]["scope1Emissions"] == 120.5

        metrics = await compute_year(target, read_only(databases.reference), 2024)
        assert metrics.extra["source_shapes"]["scope321_record"] > 0, metrics.extra

        summary = RunSummary()  # what `vsme run` prints: the stages' counts added up
        for name, report in (("company_directory", sync), ("report_validation", validation),
                             ("report_metrics", metrics)):
            _count_metadata(summary, name, {k: _Value(v) for k, v in report.metadata().items()})
        assert {k for k, v in summary.source_shapes.items() if v > 0} >= {
            "architecture_company", "prisma_company", "prisma_report", "scope321_record"}, summary.source_shapes

    run_db(settings, go)
