"""Result types of validation: :class:`Finding` and :class:`ValidationResult`."""

from enum import StrEnum

from pydantic import BaseModel, Field, computed_field


class Severity(StrEnum):
    """``error`` blocks completing the report; ``warning`` does not."""

    ERROR = "error"
    WARNING = "warning"


class Finding(BaseModel):
    """One problem found in a report.

    ``path`` is the dot path by alias as stored in MongoDB (``"modules.b8.maleEmployees"``; list
    elements by index, ``"modules.b1.sites.0.latitude"``).  ``code`` is stable and machine-readable.
    """

    disclosure: str = Field(description='"B1" … "C9", or "REPORT" for report-level rules.')
    path: str
    code: str
    severity: Severity
    message: str
    paragraph: str | None = Field(default=None, description="VSME paragraph the rule rests on.")
    rule: str | None = Field(default=None, description="Id of the rule that produced the finding.")


class ValidationResult(BaseModel):
    """All findings of one validation run, with counts."""

    edition: str
    rule_set_version: str
    findings: list[Finding] = Field(default_factory=list)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def error_count(self) -> int:
        return sum(1 for f in self.findings if f.severity == Severity.ERROR)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def warning_count(self) -> int:
        return sum(1 for f in self.findings if f.severity == Severity.WARNING)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def passed(self) -> bool:
        return self.error_count == 0

    def by_code(self, code: str) -> list[Finding]:
        return [f for f in self.findings if f.code == code]

    def codes(self) -> set[str]:
        return {f.code for f in self.findings}
