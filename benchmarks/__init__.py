"""Benchmarks, run on demand (`make benchmark` or `python -m benchmarks`), never in the test suite.

Each benchmark times a subject against a baseline measured in the same run on the same data, and
reports the ratio (subject time / baseline time), so results compare across machines and runs.
"""
