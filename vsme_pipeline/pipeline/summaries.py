"""Markdown for the Dagster UI: top validation findings, problem lists (pure)."""

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any


def _cell(value: Any, limit: int = 80) -> str:
    text = "" if value is None else str(value)
    text = text.replace("|", "\\|").replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


class FindingsTally:
    """Counts findings by (severity, code, disclosure) with one example each: memory is bounded by
    the number of distinct codes, not by the number of reports."""

    def __init__(self) -> None:
        self.counts: Counter[tuple[str, str, str]] = Counter()
        self.examples: dict[tuple[str, str, str], dict[str, Any]] = {}

    def add(self, finding: Mapping[str, Any], report: str | None = None) -> None:
        key = (str(finding.get("severity")), str(finding.get("code")), str(finding.get("disclosure")))
        self.counts[key] += 1
        if key not in self.examples:
            self.examples[key] = {**finding, "report": report or finding.get("report")}

    def add_all(self, findings: Iterable[Mapping[str, Any]], report: str | None = None) -> None:
        for finding in findings:
            self.add(finding, report)

    def rows(self) -> list[dict[str, Any]]:
        """The tally as plain documents (one per kind of finding, with its example), in
        :meth:`ordered` order: what :meth:`from_rows` reads back."""
        return [{"severity": key[0], "code": key[1], "disclosure": key[2], "count": count,
                 "example": dict(self.examples.get(key, {}))} for key, count in self.ordered()]

    @classmethod
    def from_rows(cls, rows: Iterable[Mapping[str, Any]]) -> "FindingsTally":
        tally = cls()
        for row in rows:
            key = (str(row.get("severity")), str(row.get("code")), str(row.get("disclosure")))
            tally.counts[key] += int(row.get("count") or 0)
            tally.examples.setdefault(key, dict(row.get("example") or {}))
        return tally

    def ordered(self) -> list[tuple[tuple[str, str, str], int]]:
        """``((severity, code, disclosure), count)``, errors first, most frequent first."""
        return sorted(self.counts.items(), key=lambda item: (item[0][0] != "error", -item[1], item[0][1]))

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def compact_markdown(self, limit: int = 10) -> str:
        """A narrow table (severity, code, disclosure, count) that fits a side pane."""
        if not self.counts:
            return "No findings."
        ordered = self.ordered()
        lines = ["| severity | code | disclosure | count |", "|---|---|---|---:|"]
        lines += [f"| {_cell(k[0])} | {_cell(k[1], 40)} | {_cell(k[2])} | {n} |" for k, n in ordered[:limit]]
        if len(ordered) > limit:
            lines.append(f"\n… and {len(ordered) - limit} more kinds of findings (full table: findings_report).")
        return "\n".join(lines)

    def markdown(self, limit: int | None = 10) -> str:
        """Table of the most frequent findings, errors first, with an example each (all of them
        when ``limit`` is ``None``)."""
        if not self.counts:
            return "No findings."
        ordered = self.ordered()
        limit = len(ordered) if limit is None else limit
        lines = [
            "| severity | code | disclosure | count | example report | path | message |",
            "|---|---|---|---:|---|---|---|",
        ]
        for key, count in ordered[:limit]:
            example = self.examples[key]
            lines.append(
                f"| {_cell(key[0])} | {_cell(key[1])} | {_cell(key[2])} | {count} | {_cell(example.get('report'))} "
                f"| {_cell(example.get('path'))} | {_cell(example.get('message'), 120)} |"
            )
        if len(ordered) > limit:
            lines.append(f"\n… and {len(ordered) - limit} more kinds of findings.")
        return "\n".join(lines)


def findings_markdown(findings: Iterable[Mapping[str, Any]], *, limit: int = 10) -> str:
    """Table of the most frequent findings (each a mapping with ``code``, ``severity``,
    ``disclosure``, ``path``, ``message`` and optionally ``report``)."""
    tally = FindingsTally()
    tally.add_all(findings)
    return tally.markdown(limit)


def records_markdown(rows: Sequence[Mapping[str, Any]], columns: list[str], *, limit: int = 20) -> str:
    """A markdown table of problem records (the first ``limit``)."""
    if not rows:
        return "None."
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for row in rows[:limit]:
        lines.append("| " + " | ".join(_cell(row.get(c)) for c in columns) + " |")
    if len(rows) > limit:
        lines.append(f"\n… and {len(rows) - limit} more.")
    return "\n".join(lines)
