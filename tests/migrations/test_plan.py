"""Planning is pure: chain + applied records + target -> steps."""

import pytest

from vsme_pipeline.migration.errors import PlanError
from vsme_pipeline.migration.plan import Step, infer_direction, plan_steps, resolve_revision

CHAIN = ["0001_a", "0002_b", "0003_c"]
DBS = ("scope321", "vsme_guru", "reference")


def applied(s=(), v=(), r=()):
    return {"scope321": set(s), "vsme_guru": set(v), "reference": set(r)}


def test_upgrade_head_from_empty_runs_revision_by_revision_through_every_database():
    steps = plan_steps(CHAIN[:2], applied(), "head", "upgrade", databases=DBS)
    assert steps == [
        Step("0001_a", "scope321", "upgrade"), Step("0001_a", "vsme_guru", "upgrade"),
        Step("0001_a", "reference", "upgrade"), Step("0002_b", "scope321", "upgrade"),
        Step("0002_b", "vsme_guru", "upgrade"), Step("0002_b", "reference", "upgrade"),
    ]


def test_upgrade_at_head_is_empty():
    assert plan_steps(CHAIN, applied(CHAIN, CHAIN, CHAIN), "head", "upgrade", databases=DBS) == []


def test_upgrade_resumes_a_database_left_behind_by_a_failure():
    steps = plan_steps(CHAIN, applied(CHAIN[:2], CHAIN[:1], CHAIN[:1]), "head", "upgrade", databases=DBS)
    assert [(s.revision, s.database) for s in steps] == [
        ("0002_b", "vsme_guru"), ("0002_b", "reference"),
        ("0003_c", "scope321"), ("0003_c", "vsme_guru"), ("0003_c", "reference"),
    ]


def test_relative_and_named_targets():
    one = applied(CHAIN[:1], CHAIN[:1], CHAIN[:1])
    assert {s.revision for s in plan_steps(CHAIN, one, "+1", "upgrade", databases=DBS)} == {"0002_b"}
    assert {s.revision for s in plan_steps(CHAIN, one, "0002", "upgrade", databases=DBS)} == {"0002_b"}
    full = applied(CHAIN, CHAIN, CHAIN)
    down = plan_steps(CHAIN, full, "-2", "downgrade", databases=DBS)
    assert [(s.revision, s.database) for s in down[:3]] == [
        ("0003_c", "reference"), ("0003_c", "vsme_guru"), ("0003_c", "scope321")]
    assert {s.revision for s in down} == {"0003_c", "0002_b"}
    assert {s.revision for s in plan_steps(CHAIN, full, "0001_a", "downgrade", databases=DBS)} == {"0003_c", "0002_b"}
    assert len(plan_steps(CHAIN, full, "base", "downgrade", databases=DBS)) == 9


def test_functions_mark_record_only_steps():
    functions = {"0001_a": {("upgrade", "vsme_guru")}}
    steps = plan_steps(CHAIN[:1], applied(), "head", "upgrade", functions, DBS)
    assert [s.runs_code for s in steps] == [False, True, False]


@pytest.mark.parametrize(
    ("state", "target", "direction", "message"),
    [
        (applied(), "+4", "upgrade", "only 3"),
        (applied(), "-1", "upgrade", "downgrade target"),
        (applied(CHAIN, CHAIN, CHAIN), "0001", "upgrade", "use downgrade"),
        (applied(), "0001_a", "downgrade", "use upgrade"),
        (applied(["0002_b"]), "head", "upgrade", "precedes"),
        (applied(["9999_x"]), "head", "upgrade", "not in the revisions directory"),
        (applied(), "zzz", "upgrade", "unknown revision"),
        (applied(), "000", "upgrade", "ambiguous"),
    ],
)
def test_impossible_plans_are_refused_with_a_reason(state, target, direction, message):
    with pytest.raises(PlanError, match=message):
        plan_steps(CHAIN, state, target, direction, databases=DBS)


def test_infer_direction_and_prefix():
    full = applied(CHAIN, CHAIN, CHAIN)
    assert infer_direction(CHAIN, full, "0001") == "downgrade"
    assert infer_direction(CHAIN, applied(), "0002") == "upgrade"
    assert resolve_revision(CHAIN, "0003") == "0003_c"
