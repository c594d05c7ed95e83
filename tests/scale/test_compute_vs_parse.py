"""Smoke test of ``benchmarks/compute_vs_parse``: it measures every part on a small season and
reports each as a ratio to parsing in the same run (no timing is asserted)."""

from benchmarks import compute_vs_parse


def test_every_part_is_measured_against_the_same_parse() -> None:
    comparisons = compute_vs_parse.run(12, repeats=1)
    names = [c.name for c in comparisons]
    assert names == ["compute_vs_parse.validation", "compute_vs_parse.metrics", "compute_vs_parse.snapshot",
                     "compute_vs_parse"]
    assert len({c.baseline_median_s for c in comparisons}) == 1
    assert comparisons[-1].subject_median_s == sum(c.subject_median_s for c in comparisons[:-1])
    assert all(c.subject_median_s > 0 and c.ratio > 0 for c in comparisons)
    rows = compute_vs_parse.season(12)
    assert rows and all(stored.get("modules") for stored, _, _ in rows)  # full reports, stored shape
