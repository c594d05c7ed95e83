"""Text where the schema holds a number (``"1368"`` turnover, ``"180"`` employees, at every numeric
field of the report model): each is an error finding at its exact path showing the stored text,
never a silent conversion; the stored report is left as it was.

The paths come from the ``Report`` model (:func:`tests.reliability.schema_paths.numeric_paths`),
so the strategy hits numeric fields by construction. Breaking the coercion guard
(``record_guards.coercions`` returning nothing) makes this test fail: the model's lax parsing
then turns the text into a number and the report passes or fails on the converted value."""

import copy
from typing import Any

from bson import ObjectId
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from documents import Report
from tests.pipeline.conftest import run_db
from tests.reliability.schema_paths import numeric_paths, set_path
from vsme_pipeline.connections import read_only
from vsme_pipeline.pipeline.company_sync import sync_companies
from vsme_pipeline.pipeline.validation_stage import validate_year
from vsme_pipeline.settings import load_settings

PATHS = sorted(set(numeric_paths(Report)) - {"reportingYear"})  # a text year: test_reporting_years.py
TEXTS = ("1368", "180", " 12 ", "12.5", "1", "0", "1e3")
FIRST_YEAR = 2040  # a company-year of its own per planted report, far from the sample years
SETTINGS = settings(max_examples=6, derandomize=True, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def test_the_strategy_covers_the_numeric_fields_of_every_module():
    assert len(PATHS) > 80, PATHS
    modules = {p.split(".")[1] for p in PATHS if p.startswith("modules.")}
    assert {"b1", "b3", "b8", "b9", "b10"} <= modules, modules
    assert {"modules.b1.turnover", "modules.b1.numberOfEmployees", "modules.b3.scope1Emissions"} <= set(PATHS)


def _plant(sample: dict[str, Any], path: str, preferred: str) -> tuple[dict[str, Any], str, bool]:
    """A copy of ``sample`` with text at ``path``: the first text (``preferred`` first) that the
    model's lax parsing accepts, i.e. one it would convert in silence (False: none is accepted,
    the model refuses the field itself)."""
    for text in (preferred, *TEXTS):
        doc = copy.deepcopy(sample)
        set_path(doc, path, text)
        try:
            Report.model_validate(doc)
        except ValidationError:
            continue
        return doc, text, True
    return doc, preferred, False


@SETTINGS
@given(planted=st.lists(st.tuples(st.sampled_from(PATHS), st.sampled_from(TEXTS)), min_size=4, max_size=10,
                        unique_by=lambda t: t[0]))
@example(planted=[("modules.b1.turnover", "1368"), ("modules.b1.numberOfEmployees", "180")])
def test_text_in_a_numeric_field_is_a_finding_at_its_path_never_converted(seeded, planted):
    async def go(databases: Any) -> None:
        reports = databases.vsme_guru["reports"]
        await sync_companies(read_only(databases.scope321), databases.vsme_guru, full=True)  # the directory
        await reports.delete_many({"reportingYear": {"$gte": FIRST_YEAR}})  # an earlier example's
        sample = await reports.find_one({"reportingYear": 2024, "status": "completed"})
        assert sample is not None
        cases = []
        for i, (path, preferred) in enumerate(planted):
            doc, text, lax = _plant(sample, path, preferred)
            doc.update({"_id": ObjectId(), "reportingYear": FIRST_YEAR + i})
            await reports.insert_one(doc, bypass_document_validation=True)  # as stored before a validator
            cases.append((doc, path, text, lax))
        for doc, path, text, lax in cases:
            stage = await validate_year(databases.vsme_guru, doc["reportingYear"])
            assert stage.failed == 0, stage.problems
            result = await databases.vsme_guru["validation_results"].find_one({"reportId": doc["_id"]})
            assert result is not None and not result["passed"], (path, text)
            at_path = [f for f in result["findings"] if f["path"] == path]
            assert at_path, (path, text, result["findings"])
            if lax:  # the conversion the model would make in silence is named, showing the stored text
                assert any(f["code"] == "REPORT_VALUE_WRONG_TYPE" and f"{text!r} (str)" in f["message"]
                           and "not converted" in f["message"] for f in at_path), (path, text, at_path)
            stored = await reports.find_one({"_id": doc["_id"]})
            assert stored == doc, "the stored report is left as it was"
            assert await databases.vsme_guru["report_metrics"].find_one({"reportId": doc["_id"]}) is None
        await reports.delete_many({"_id": {"$in": [c[0]["_id"] for c in cases]}})

    run_db(load_settings(), go)
