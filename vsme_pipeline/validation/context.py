"""What every rule sees: the report, the company profile, the previous report and the edition."""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from vsme_pipeline.calculations.access import DocView
from vsme_pipeline.validation.findings import Finding, Severity

BASIC = ("B1", "B2", "B3", "B4", "B5", "B6", "B7", "B8", "B9", "B10", "B11")
COMPREHENSIVE = ("C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "C9")


@dataclass(frozen=True)
class EditionParameters:
    """Edition-specific thresholds and placements; rules read these instead of hard-coding."""

    turnover_rate_threshold: Decimal = Decimal(50)  # para 40
    turnover_rate_disclosure: str = "B8"  # moves to C5 in the 2026 delegated act [unconfirmed]
    pay_gap_headcount_threshold: Decimal = Decimal(150)  # para 42(b)
    pay_gap_required: bool = True  # 2026 act: only when other law requires it [unconfirmed]
    training_by_gender: bool = True  # 2026 act: no gender split [unconfirmed]
    c5_employee_threshold: Decimal = Decimal(50)  # paras 59-60
    ghg_intensity: bool = True  # 2026 act: no GHG-intensity datapoint [unconfirmed]


@dataclass
class Context:
    """The documents under validation, as tolerant read-only views, plus the findings collected."""

    report: DocView
    company: DocView
    previous: DocView | None
    edition: str
    params: EditionParameters
    findings: list[Finding] = field(default_factory=list)
    current_rule: str | None = None
    _modules: dict[str, DocView] = field(default_factory=dict, repr=False, compare=False)
    """Per-report cache of the module views (read-only, so every rule can share them)."""

    # --- findings -------------------------------------------------------------------------
    def add(
        self,
        disclosure: str,
        path: str,
        code: str,
        severity: Severity,
        message: str,
        paragraph: str | None = None,
    ) -> None:
        self.findings.append(
            Finding(
                disclosure=disclosure,
                path=path,
                code=code,
                severity=severity,
                message=message,
                paragraph=paragraph,
                rule=self.current_rule,
            )
        )

    def error(self, disclosure: str, path: str, code: str, message: str, paragraph: str | None = None) -> None:
        self.add(disclosure, path, code, Severity.ERROR, message, paragraph)

    def warning(self, disclosure: str, path: str, code: str, message: str, paragraph: str | None = None) -> None:
        self.add(disclosure, path, code, Severity.WARNING, message, paragraph)

    # --- report facts ----------------------------------------------------------------------
    def module(self, code: str) -> DocView:
        """View of ``modules.<code>`` (empty when the module is missing); built once per report."""
        view = self._modules.get(code)
        if view is None:
            view = self._modules[code] = self.report.sub(f"modules.{code.lower()}")
        return view

    def module_present(self, code: str) -> bool:
        return self.report.present(f"modules.{code.lower()}")

    @property
    def option(self) -> str | None:
        value = self.report.value("reporting_option")
        return value.upper() if isinstance(value, str) else None

    def selected_comprehensive(self) -> set[str]:
        value = self.report.value("selected_comprehensive")
        if not isinstance(value, (list, tuple)):
            return set()
        return {v.upper() for v in value if isinstance(v, str)}

    def omitted_as_sensitive(self) -> set[str]:
        """Disclosures omitted as classified or sensitive (para 19, B1 24(b))."""
        value = self.report.value("omitted_disclosures")
        if not isinstance(value, (list, tuple)):
            return set()
        return {v.upper() for v in value if isinstance(v, str)}

    def in_scope(self, code: str) -> bool:
        """Whether the disclosure belongs to the modules the report prepares under its option."""
        if code in self.omitted_as_sensitive():
            return False
        if code in BASIC:
            return True
        return self.option == "B" or code in self.selected_comprehensive()

    def employees(self) -> Decimal | None:
        """B1 number of employees, else the company profile's."""
        value = self.report.number("modules.b1.number_of_employees")
        return value if value is not None else self.company.number("number_of_employees")

    def headcount(self) -> Decimal | None:
        """Headcount: B1's own when employees are counted in FTE, else the B1 employee count."""
        if self.employee_count_type() == "fte":
            return self.report.number("modules.b1.headcount")
        return self.employees()

    def employee_count_type(self) -> str | None:
        value = self.report.value("modules.b1.employee_count_type")
        return value.lower() if isinstance(value, str) else None

    def turnover(self) -> Decimal | None:
        value = self.report.number("modules.b1.turnover")
        return value if value is not None else self.company.number("turnover")

    def raw(self) -> Any:
        return self.report.data
