"""Load the bundled taxonomy concept TSVs and group them by VSME disclosure."""

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = [
    "DEFAULT_VERSION",
    "VERSIONS",
    "Concept",
    "concepts",
    "concepts_by_disclosure",
    "datapoint_concepts",
]

VERSIONS = ("2024-12-17", "2025-07-30", "2026-05-01")
DEFAULT_VERSION = "2025-07-30"

# The taxonomy files NaceSectorClassificationCodes under its legal reference, not under B1.
_DISCLOSURE_ALIASES = {"C/2022/7104": "B1"}


@dataclass(frozen=True, slots=True)
class Concept:
    """One ``vsme:`` concept."""

    name: str
    label: str
    data_type: str
    period_type: str
    abstract: bool
    section: str
    disclosure: str
    paragraph: str
    subparagraph: str

    @property
    def disclosure_code(self) -> str | None:
        """``"B1"`` ... ``"C9"`` if the concept belongs to one disclosure, else ``None``."""
        code = _DISCLOSURE_ALIASES.get(self.disclosure, self.disclosure)
        if len(code) >= 2 and code[0] in "BC" and code[1:].isdigit():
            return code
        return None


@cache
def concepts(version: str = DEFAULT_VERSION) -> tuple[Concept, ...]:
    """All concepts of a taxonomy version, in file order."""
    if version not in VERSIONS:
        raise ValueError(f"unknown taxonomy version {version!r}; known: {', '.join(VERSIONS)}")
    path = resources.files("vsme_pipeline.taxonomy").joinpath("data", f"vsme_taxonomy_{version}_concepts.tsv")
    with io.TextIOWrapper(path.open("rb"), encoding="utf-8", newline="") as handle:
        return tuple(
            Concept(
                name=row["name"],
                label=row["label"],
                data_type=row["dataType"],
                period_type=row["periodType"],
                abstract=row["abstract"] == "abstract",
                section=row["section"],
                disclosure=row["disclosure"],
                paragraph=row["paragraph"],
                subparagraph=row["subparagraph"],
            )
            for row in csv.DictReader(handle, delimiter="\t")
        )


def datapoint_concepts(version: str = DEFAULT_VERSION) -> tuple[Concept, ...]:
    """Non-abstract concepts (facts a report can carry)."""
    return tuple(concept for concept in concepts(version) if not concept.abstract)


def concepts_by_disclosure(version: str = DEFAULT_VERSION, *, include_abstract: bool = False) -> dict[str, list[Concept]]:
    """Concepts grouped by disclosure code ``"B1"`` ... ``"C9"`` (others are left out)."""
    grouped: dict[str, list[Concept]] = {}
    for concept in concepts(version):
        code = concept.disclosure_code
        if code is None or (concept.abstract and not include_abstract):
            continue
        grouped.setdefault(code, []).append(concept)
    return grouped
