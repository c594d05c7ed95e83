"""Every datapoint concept of the 2025-07-30 taxonomy maps to a model field via its ``xbrl`` tag."""

import pytest

from documents.introspection import xbrl_concepts
from documents.modules import DISCLOSURE_INFO, GeneralDisclosures
from documents.report import ReportData
from vsme_pipeline.taxonomy import concepts_by_disclosure, datapoint_concepts

# Concepts intentionally not carried by a model field. Must stay empty or be justified here.
EXCLUDED: dict[str, str] = {}

# Concepts of a disclosure that live on the report rather than on the module model
# (B1 24(a) option and 24(b) omitted list are workflow fields of `Report`).
REPORT_LEVEL = {
    "BasisForPreparation": "B1",
    "ListOfOmittedDisclosuresDeemedToBeClassifiedOrSensitiveInformation": "B1",
}


def _mapped_for(code: str) -> set[str]:
    mapped = xbrl_concepts(DISCLOSURE_INFO[code].model)
    mapped |= {name for name, owner in REPORT_LEVEL.items() if owner == code and name in xbrl_concepts(ReportData)}
    return mapped


def test_every_disclosure_concept_is_mapped() -> None:
    grouped = concepts_by_disclosure("2025-07-30")
    assert set(grouped) == set(DISCLOSURE_INFO)
    missing = {
        code: sorted(c.name for c in concepts if c.name not in _mapped_for(code) and c.name not in EXCLUDED)
        for code, concepts in grouped.items()
    }
    missing = {code: names for code, names in missing.items() if names}
    assert missing == {}, f"taxonomy concepts without a model field: {missing}"


def test_nace_codes_concept_belongs_to_b1() -> None:
    assert "NaceSectorClassificationCodes" in xbrl_concepts(DISCLOSURE_INFO["B1"].model)


def test_report_wide_concepts_are_mapped() -> None:
    """Paragraph 10/16 concepts (no disclosure code) live in `GeneralDisclosures`."""
    general = {c.name for c in datapoint_concepts("2025-07-30") if c.disclosure_code is None}
    general.discard("NaceSectorClassificationCodes")
    assert general - xbrl_concepts(GeneralDisclosures) == set()


@pytest.mark.parametrize("code", sorted(DISCLOSURE_INFO))
def test_tags_name_real_concepts(code: str) -> None:
    """No typo in an ``xbrl`` tag: every tag is a concept of the taxonomy."""
    known = {c.name for c in datapoint_concepts("2025-07-30")}
    assert xbrl_concepts(DISCLOSURE_INFO[code].model) - known == set()
