"""B1 - Basis for preparation (VSME paras 24-25; guidance 68-77)."""

from documents.base import CamelModel, boolean, count, datapoint, enumeration, monetary, text
from documents.common import CountryCode, NaceCode, Site, Subsidiary
from documents.enums import BasisForReporting, EmployeeCountingMethodology, EmployeeCountType, LegalForm

__all__ = ["B1BasisForPreparation"]


class B1BasisForPreparation(CamelModel):
    """B1 general information about the undertaking for the reporting period.

    The option selected (24(a), ``BasisForPreparation``) and the disclosures omitted as
    classified or sensitive (24(b)) are report-level workflow fields:
    `documents.report.Report.reporting_option` and `Report.omitted_disclosures`.

    Turnover and employees may differ from the company profile if the report explains why
    (`Report.turnover_difference_explanation`, `Report.employees_difference_explanation`).
    """

    basis_for_reporting: BasisForReporting | None = enumeration("BasisForReporting", paragraph="24(c)")
    subsidiaries: list[Subsidiary] | None = datapoint(
        description="Subsidiaries covered; applicable when basis_for_reporting is consolidated.",
        paragraph="24(d)",
    )
    legal_form: LegalForm | None = enumeration("UndertakingsLegalForm", paragraph="24(e)(i)")
    other_legal_form: str | None = text("OtherUndertakingsLegalForm", paragraph="24(e)(i)")
    nace_codes: list[NaceCode] | None = datapoint(
        "NaceSectorClassificationCodes",
        paragraph="24(e)(ii)",
        description="NACE Rev. 2.1 codes, e.g. '47.21'.",
    )
    balance_sheet_total: float | None = monetary("Assets", paragraph="24(e)(iii)")
    turnover: float | None = monetary("Turnover", paragraph="24(e)(iv)")
    number_of_employees: float | None = count("NumberOfEmployees", paragraph="24(e)(v)")
    employee_count_type: EmployeeCountType | None = enumeration(
        "TypeOfNumberOfEmployees", paragraph="24(e)(v)"
    )
    headcount: float | None = count(
        description="Headcount when employees are counted in FTE: the B10 pay-gap threshold (42(b)) is in headcount.",
        paragraph="42(b)",
    )
    employee_counting_methodology: EmployeeCountingMethodology | None = enumeration(
        "EmployeeCountingMethodology", paragraph="24(e)(v)"
    )
    primary_country: CountryCode | None = enumeration(
        "CountryOfPrimaryOperationsAndLocationOfSignificantAssets", paragraph="24(e)(vi)"
    )
    sites: list[Site] | None = datapoint(
        description="Sites owned, leased or managed, with geolocation.", paragraph="24(e)(vii)"
    )
    has_sustainability_certifications: bool | None = boolean(
        description="Gate: holds sustainability-related certifications or labels.", paragraph="25"
    )
    sustainability_certifications: str | None = text(
        "DescriptionOfSustainabilityRelatedCertificationsOrLabels",
        paragraph="25",
        description="Issuer, date and rating score of each certification or label.",
    )


