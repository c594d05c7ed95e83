"""Report-level rules: edition, reporting option, status, reporting years and comparatives (para 12)."""

from collections.abc import Mapping

from vsme_pipeline.validation.context import COMPREHENSIVE, Context
from vsme_pipeline.validation.engine import Rule, rule

RULES: list[Rule] = []
D = "REPORT"
STATUSES = {"draft", "in-progress", "completed"}


@rule("REPORT.option", "Reporting option A or B; selected C disclosures (paras 5-6, 22, 24(a))", RULES)
def check_option(ctx: Context) -> None:
    option = ctx.report.value("reporting_option")
    if option is None:
        ctx.error(D, "reportingOption", "REPORT_OPTION_MISSING",
                  "Choose the reporting option: A (Basic Module only) or B (Basic and Comprehensive Module).", "24(a)")
    elif not isinstance(option, str) or option.upper() not in {"A", "B"}:
        ctx.error(D, "reportingOption", "REPORT_OPTION_INVALID", f"Reporting option must be A or B (got {option!r}).", "24(a)")
    selected = ctx.report.value("selected_comprehensive")
    if selected is None:
        return
    if not isinstance(selected, (list, tuple)):
        ctx.error(D, "selectedComprehensive", "REPORT_SELECTED_COMPREHENSIVE_INVALID",
                  "The selected Comprehensive disclosures must be a list such as ['C3', 'C9'].", "22")
        return
    for index, item in enumerate(selected):
        if not isinstance(item, str) or item.upper() not in COMPREHENSIVE:
            ctx.error(D, f"selectedComprehensive.{index}", "REPORT_SELECTED_COMPREHENSIVE_INVALID",
                      f"{item!r} is not a Comprehensive Module disclosure (C1-C9).", "22")
    if ctx.option == "B" and selected:
        ctx.warning(D, "selectedComprehensive", "REPORT_SELECTION_REDUNDANT_WITH_OPTION_B",
                    "Option B already includes every Comprehensive disclosure; the selection is ignored.", "22")


@rule("REPORT.status", "Known report status", RULES)
def check_status(ctx: Context) -> None:
    status = ctx.report.value("status")
    if status is not None and (not isinstance(status, str) or status not in STATUSES):
        ctx.error(D, "status", "REPORT_STATUS_INVALID", f"Unknown report status {status!r} (draft, in-progress, completed).")


@rule("REPORT.years", "Reporting year and first reporting year", RULES)
def check_years(ctx: Context) -> None:
    year = ctx.report.value("reporting_year")
    first = ctx.report.value("first_reporting_year")
    if not isinstance(year, int) or isinstance(year, bool) or not 1900 <= year <= 2100:
        ctx.error(D, "reportingYear", "REPORT_YEAR_INVALID", f"The reporting year must be a year such as 2025 (got {year!r}).")
        return
    if first is None:
        return
    if not isinstance(first, int) or isinstance(first, bool):
        ctx.error(D, "firstReportingYear", "REPORT_FIRST_YEAR_INVALID", f"The first reporting year must be a year (got {first!r}).")
    elif first > year:
        ctx.error(D, "firstReportingYear", "REPORT_FIRST_YEAR_AFTER_REPORTING_YEAR",
                  f"The first reporting year ({first}) is after the reporting year ({year}).")


@rule("REPORT.comparatives", "Comparatives from the second reporting year (para 12)", RULES)
def check_comparatives(ctx: Context) -> None:
    year = ctx.report.value("reporting_year")
    first = ctx.report.value("first_reporting_year")
    if not isinstance(year, int) or isinstance(year, bool):
        return
    later_year = isinstance(first, int) and not isinstance(first, bool) and year > first
    if ctx.previous is None:
        if later_year:
            ctx.error(D, "firstReportingYear", "REPORT_COMPARATIVES_MISSING",
                      f"{year} is not the first reporting year ({first}), so the previous year's figures "
                      "are required as comparatives (para 12), but no report for the previous year was "
                      "found. Add the previous year's report, or correct the first reporting year.", "12")
        return
    if not isinstance(ctx.previous.data, Mapping):
        return
    previous_year = ctx.previous.value("reporting_year")
    if isinstance(previous_year, int) and previous_year != year - 1:
        ctx.warning(D, "reportingYear", "REPORT_PREVIOUS_YEAR_MISMATCH",
                    f"The comparative report is for {previous_year}, not for the previous year {year - 1}.", "12")
    if isinstance(first, int) and not isinstance(first, bool) and first >= year:
        ctx.warning(D, "firstReportingYear", "REPORT_FIRST_YEAR_INCONSISTENT",
                    f"A report for an earlier year exists, but the first reporting year is set to {first}.", "12")
    if ctx.previous.value("status") not in (None, "completed"):
        ctx.warning(D, "reportingYear", "REPORT_PREVIOUS_NOT_COMPLETED",
                    "The previous year's report, which provides the comparatives, is not completed.", "12")


@rule("REPORT.modules_omitted", "Omitted in-scope Comprehensive disclosures are assumed not applicable (para 45)", RULES)
def check_omitted_comprehensive(ctx: Context) -> None:
    for code in COMPREHENSIVE:
        if ctx.in_scope(code) and not ctx.module_present(code):
            ctx.warning(code, f"modules.{code.lower()}", f"{code}_OMITTED_NOT_APPLICABLE",
                        f"{code} is part of the chosen option but empty: it will be read as 'not applicable' (para 45).", "45")
