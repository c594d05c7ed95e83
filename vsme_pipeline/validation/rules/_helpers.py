"""Building blocks shared by the disclosure rules (required fields, gates, sums, comparisons)."""

from collections.abc import Iterable
from decimal import Decimal

from vsme_pipeline.calculations.access import DocView
from vsme_pipeline.validation.context import Context
from vsme_pipeline.validation.findings import Severity

COUNT_TOLERANCE = Decimal("0.01")
RELATIVE_TOLERANCE = Decimal("0.001")  # 0.1 % for rounded physical quantities


_LABELS = {
    "scope1_emissions": "Scope 1 emissions",
    "scope2_location_based_emissions": "Location-based Scope 2 emissions",
    "scope3_emissions": "Scope 3 emissions",
    "nace_codes": "NACE code(s)",
    "sites": "The list of sites",
    "cba_coverage": "Collective bargaining coverage",
    "employees_by_country": "The number of employees by country",
    "number_of_sites_in_or_near_sensitive_areas": "The number of sites in or near biodiversity-sensitive areas",
    "total_area_in_or_near_sensitive_areas": "The area of those sites",
    "water_withdrawal_high_stress_areas": "Water withdrawal in areas of high water stress",
    "pays_at_least_minimum_wage": "Whether employees are paid at least the minimum wage",
    "applies_circular_economy_principles": "Whether circular-economy principles are applied",
}


def label(field: str) -> str:
    """``"total_energy_consumption"`` → ``"Total energy consumption"``."""
    if field in _LABELS:
        return _LABELS[field]
    words = field.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def code_for(disclosure: str, field: str, suffix: str) -> str:
    return f"{disclosure}_{field.split('.')[-1].upper()}_{suffix}"


def close(a: Decimal, b: Decimal, *, relative: bool = False) -> bool:
    """Equality up to rounding: 0.01 absolute, or 0.1 % of the larger value when ``relative``."""
    tolerance = COUNT_TOLERANCE
    if relative:
        tolerance = max(tolerance, max(abs(a), abs(b)) * RELATIVE_TOLERANCE)
    return abs(a - b) <= tolerance


def fmt(value: Decimal | None) -> str:
    if value is None:
        return "—"
    text = format(value.normalize(), "f") if value == value.to_integral() else format(round(value, 4).normalize(), "f")
    return text


def require(
    ctx: Context,
    disclosure: str,
    view: DocView,
    field: str,
    paragraph: str,
    why: str = "",
    *,
    severity: Severity = Severity.ERROR,
) -> bool:
    """Finding ``<D>_<FIELD>_MISSING`` when ``field`` is empty; returns whether it is present."""
    if view.present(field):
        return True
    reason = f" {why}" if why else ""
    ctx.add(
        disclosure,
        view.path(field),
        code_for(disclosure, field, "MISSING"),
        severity,
        f"{label(field.split('.')[-1])} is required (VSME para {paragraph}).{reason}",
        paragraph,
    )
    return False


def require_any(
    ctx: Context,
    disclosure: str,
    view: DocView,
    fields: Iterable[str],
    code: str,
    message: str,
    paragraph: str,
    *,
    severity: Severity = Severity.ERROR,
) -> bool:
    """One finding at the first field when none of ``fields`` is filled."""
    fields = list(fields)
    if any(view.present(f) for f in fields):
        return True
    ctx.add(disclosure, view.path(fields[0]), code, severity, message, paragraph)
    return False


def gate(
    ctx: Context,
    disclosure: str,
    view: DocView,
    gate_field: str,
    data_fields: Iterable[str],
    paragraph: str,
    question: str,
) -> bool:
    """Evaluate an applicability gate (para 13: an omitted conditional disclosure = not applicable).

    Returns True when the dependent data must be filled in: the gate is answered yes, or it is
    unanswered but data was entered (data implies applicability; a warning asks for the answer).
    A "no" with data entered is a warning: the data is kept, never dropped.
    """
    answer = view.flag(gate_field)
    has_data = any(view.present(f) for f in data_fields)
    if answer is None and has_data:
        ctx.warning(
            disclosure,
            view.path(gate_field),
            code_for(disclosure, gate_field, "UNANSWERED"),
            f"Data is entered but the question '{question}' is not answered; it is treated as 'yes'.",
            paragraph,
        )
        return True
    if answer is False and has_data:
        ctx.warning(
            disclosure,
            view.path(gate_field),
            code_for(disclosure, gate_field, "CONTRADICTED"),
            f"'{question}' is answered 'no' but related data is entered; please check the answer "
            "(the data is kept).",
            paragraph,
        )
        return False
    return answer is True


def sum_check(
    ctx: Context,
    disclosure: str,
    view: DocView,
    parts: Iterable[str],
    expected: Decimal | None,
    expected_label: str,
    code: str,
    what: str,
    paragraph: str,
    *,
    relative: bool = False,
    severity: Severity = Severity.ERROR,
    report_at: str | None = None,
) -> None:
    """Error ``code`` when the filled ``parts`` do not add up to ``expected`` (skipped if none filled)."""
    parts = list(parts)
    values = [view.number(p) for p in parts]
    if expected is None or all(v is None for v in values):
        return
    total = sum((v for v in values if v is not None), Decimal(0))
    if close(total, expected, relative=relative):
        return
    detail = " + ".join(f"{label(p.split('.')[-1]).lower()} {fmt(v)}" for p, v in zip(parts, values, strict=False) if v is not None)
    ctx.add(
        disclosure,
        view.path(report_at or parts[0]),
        code,
        severity,
        f"The {what} ({detail} = {fmt(total)}) does not add up to {expected_label} ({fmt(expected)}).",
        paragraph,
    )


def not_greater(
    ctx: Context,
    disclosure: str,
    path: str,
    value: Decimal | None,
    limit: Decimal | None,
    code: str,
    message: str,
    paragraph: str,
    *,
    severity: Severity = Severity.ERROR,
) -> None:
    """Finding when ``value`` exceeds ``limit`` beyond rounding."""
    if value is None or limit is None:
        return
    if value > limit and not close(value, limit, relative=True):
        ctx.add(disclosure, path, code, severity, f"{message} ({fmt(value)} > {fmt(limit)}).", paragraph)


def stated_vs_computed(
    ctx: Context,
    disclosure: str,
    view: DocView,
    field: str,
    computed: Decimal | None,
    what: str,
    paragraph: str,
    *,
    relative_tolerance: Decimal = Decimal("0.01"),
    severity: Severity = Severity.WARNING,
) -> None:
    """Finding (warning by default) ``<D>_<FIELD>_MISMATCH`` when a stated derived value differs from our calculation (1 %)."""
    stated = view.number(field)
    if stated is None or computed is None:
        return
    tolerance = max(Decimal("0.01"), abs(computed) * relative_tolerance)
    if abs(stated - computed) > tolerance:
        ctx.add(
            disclosure,
            view.path(field),
            code_for(disclosure, field, "MISMATCH"),
            severity,
            f"The stated {what} ({fmt(stated)}) differs from the value calculated from the inputs "
            f"({fmt(computed)}).",
            paragraph,
        )
