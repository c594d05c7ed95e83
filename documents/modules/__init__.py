"""VSME module models (one file per disclosure) and the disclosure registry.

`ReportModules` is the ``modules`` sub-document of a report: ``b1`` ... ``b11``, ``c1`` ... ``c9``,
each optional (a disclosure not yet started is ``None``).
`DISCLOSURES` maps ``"B1"`` ... ``"C9"`` to the model; `DISCLOSURE_INFO` adds title, paragraphs,
module and the attribute name on `ReportModules`.
"""

from dataclasses import dataclass
from typing import Literal

from documents.base import CamelModel
from documents.modules.b1 import B1BasisForPreparation
from documents.modules.b2 import B2IssueRow, B2PracticesPoliciesAndFutureInitiatives
from documents.modules.b3 import (
    B3EnergyAndGhgEmissions,
    ElectricityActivity,
    EnergyBreakdownRow,
    FuelActivity,
    Scope3CategoryEmissions,
)
from documents.modules.b4 import B4Pollution, PollutantEmission
from documents.modules.b5 import B5Biodiversity, BiodiversitySensitiveSite
from documents.modules.b6 import B6Water
from documents.modules.b7 import B7ResourceUseAndWaste, MaterialUsed, WasteStream
from documents.modules.b8 import B8WorkforceGeneral, EmployeesByCountry
from documents.modules.b9 import B9HealthAndSafety
from documents.modules.b10 import B10RemunerationAndTraining
from documents.modules.b11 import B11CorruptionAndBribery
from documents.modules.c1 import C1StrategyAndBusinessModel
from documents.modules.c2 import C2PolicyDescription, C2PracticesPoliciesDescription
from documents.modules.c3 import C3GhgTargetsAndTransition, GhgReductionTarget
from documents.modules.c4 import C4ClimateRisks
from documents.modules.c5 import C5AdditionalWorkforce
from documents.modules.c6 import C6HumanRightsPolicies
from documents.modules.c7 import C7HumanRightsIncidents
from documents.modules.c8 import C8SectorRevenues
from documents.modules.c9 import C9BoardGenderDiversity
from documents.modules.general import GeneralDisclosures

__all__ = [
    "DISCLOSURES",
    "DISCLOSURE_INFO",
    "B1BasisForPreparation",
    "B2IssueRow",
    "B2PracticesPoliciesAndFutureInitiatives",
    "B3EnergyAndGhgEmissions",
    "B4Pollution",
    "B5Biodiversity",
    "B6Water",
    "B7ResourceUseAndWaste",
    "B8WorkforceGeneral",
    "B9HealthAndSafety",
    "B10RemunerationAndTraining",
    "B11CorruptionAndBribery",
    "BiodiversitySensitiveSite",
    "C1StrategyAndBusinessModel",
    "C2PolicyDescription",
    "C2PracticesPoliciesDescription",
    "C3GhgTargetsAndTransition",
    "C4ClimateRisks",
    "C5AdditionalWorkforce",
    "C6HumanRightsPolicies",
    "C7HumanRightsIncidents",
    "C8SectorRevenues",
    "C9BoardGenderDiversity",
    "DisclosureInfo",
    "ElectricityActivity",
    "EmployeesByCountry",
    "EnergyBreakdownRow",
    "FuelActivity",
    "GeneralDisclosures",
    "GhgReductionTarget",
    "MaterialUsed",
    "PollutantEmission",
    "ReportModules",
    "Scope3CategoryEmissions",
    "WasteStream",
]


class ReportModules(CamelModel):
    """The module data of one report; each disclosure is optional until it is filled."""

    b1: B1BasisForPreparation | None = None
    b2: B2PracticesPoliciesAndFutureInitiatives | None = None
    b3: B3EnergyAndGhgEmissions | None = None
    b4: B4Pollution | None = None
    b5: B5Biodiversity | None = None
    b6: B6Water | None = None
    b7: B7ResourceUseAndWaste | None = None
    b8: B8WorkforceGeneral | None = None
    b9: B9HealthAndSafety | None = None
    b10: B10RemunerationAndTraining | None = None
    b11: B11CorruptionAndBribery | None = None
    c1: C1StrategyAndBusinessModel | None = None
    c2: C2PracticesPoliciesDescription | None = None
    c3: C3GhgTargetsAndTransition | None = None
    c4: C4ClimateRisks | None = None
    c5: C5AdditionalWorkforce | None = None
    c6: C6HumanRightsPolicies | None = None
    c7: C7HumanRightsIncidents | None = None
    c8: C8SectorRevenues | None = None
    c9: C9BoardGenderDiversity | None = None

    def get(self, code: str) -> CamelModel | None:
        """Return the module for a disclosure code such as ``"B3"`` (``None`` if not filled)."""
        module: CamelModel | None = getattr(self, DISCLOSURE_INFO[code.upper()].attribute)
        return module


@dataclass(frozen=True, slots=True)
class DisclosureInfo:
    """Static description of one VSME disclosure."""

    code: str
    title: str
    paragraphs: str
    module: Literal["basic", "comprehensive"]
    model: type[CamelModel]

    @property
    def attribute(self) -> str:
        """Attribute (and lower-case key) on `ReportModules`: ``"B3"`` -> ``"b3"``."""
        return self.code.lower()


_BASIC: Literal["basic"] = "basic"
_COMPREHENSIVE: Literal["comprehensive"] = "comprehensive"

DISCLOSURE_INFO: dict[str, DisclosureInfo] = {
    info.code: info
    for info in (
        DisclosureInfo("B1", "Basis for preparation", "24-25", _BASIC, B1BasisForPreparation),
        DisclosureInfo(
            "B2",
            "Practices, policies and future initiatives for transitioning towards a more sustainable economy",
            "26-28",
            _BASIC,
            B2PracticesPoliciesAndFutureInitiatives,
        ),
        DisclosureInfo("B3", "Energy and greenhouse gas emissions", "29-31", _BASIC, B3EnergyAndGhgEmissions),
        DisclosureInfo("B4", "Pollution of air, water and soil", "32", _BASIC, B4Pollution),
        DisclosureInfo("B5", "Biodiversity", "33-34", _BASIC, B5Biodiversity),
        DisclosureInfo("B6", "Water", "35-36", _BASIC, B6Water),
        DisclosureInfo(
            "B7", "Resource use, circular economy and waste management", "37-38", _BASIC, B7ResourceUseAndWaste
        ),
        DisclosureInfo("B8", "Workforce - General characteristics", "39-40", _BASIC, B8WorkforceGeneral),
        DisclosureInfo("B9", "Workforce - Health and safety", "41", _BASIC, B9HealthAndSafety),
        DisclosureInfo(
            "B10",
            "Workforce - Remuneration, collective bargaining and training",
            "42",
            _BASIC,
            B10RemunerationAndTraining,
        ),
        DisclosureInfo("B11", "Convictions and fines for corruption and bribery", "43", _BASIC, B11CorruptionAndBribery),
        DisclosureInfo(
            "C1",
            "Strategy: business model and sustainability-related initiatives",
            "47",
            _COMPREHENSIVE,
            C1StrategyAndBusinessModel,
        ),
        DisclosureInfo(
            "C2",
            "Description of practices, policies and future initiatives for transitioning towards a more "
            "sustainable economy",
            "48-49",
            _COMPREHENSIVE,
            C2PracticesPoliciesDescription,
        ),
        DisclosureInfo(
            "C3", "GHG reduction targets and climate transition", "54-56", _COMPREHENSIVE, C3GhgTargetsAndTransition
        ),
        DisclosureInfo("C4", "Climate risks", "57-58", _COMPREHENSIVE, C4ClimateRisks),
        DisclosureInfo(
            "C5", "Additional (general) workforce characteristics", "59-60", _COMPREHENSIVE, C5AdditionalWorkforce
        ),
        DisclosureInfo(
            "C6",
            "Additional own workforce information: human rights policies and processes",
            "61",
            _COMPREHENSIVE,
            C6HumanRightsPolicies,
        ),
        DisclosureInfo("C7", "Severe negative human rights incidents", "62", _COMPREHENSIVE, C7HumanRightsIncidents),
        DisclosureInfo(
            "C8",
            "Revenues from certain sectors and exclusion from EU reference benchmarks",
            "63-64",
            _COMPREHENSIVE,
            C8SectorRevenues,
        ),
        DisclosureInfo("C9", "Gender diversity ratio in the governance body", "65", _COMPREHENSIVE, C9BoardGenderDiversity),
    )
}

DISCLOSURES: dict[str, type[CamelModel]] = {code: info.model for code, info in DISCLOSURE_INFO.items()}
