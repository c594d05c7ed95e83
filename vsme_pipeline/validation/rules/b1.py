"""B1 Basis for preparation (paras 24-25; guidance 68-77) and coherence with the company profile (para 20)."""

import re

from vsme_pipeline.validation.context import Context
from vsme_pipeline.validation.engine import Rule, rule
from vsme_pipeline.validation.rules._helpers import close, fmt, gate, require

RULES: list[Rule] = []
D = "B1"
NACE_CLASS = re.compile(r"^(?:[A-V]\s*)?\d{2}\.\d{2,3}$")  # class 47.21 (or a national sub-class 01.110); 47.2 is a group
NACE_ANY = re.compile(r"^(?:[A-V]\s*)?(?:\d{2}(?:\.\d{1,3})?)?$")


@rule("B1.required", "General information required of every undertaking (24(c), 24(e))", RULES)
def check_required(ctx: Context) -> None:
    b1 = ctx.module(D)
    for field, paragraph in (
        ("basis_for_reporting", "24(c)"),
        ("balance_sheet_total", "24(e)(iii)"),
        ("turnover", "24(e)(iv)"),
        ("number_of_employees", "24(e)(v)"),
        ("employee_count_type", "24(e)(v)"),
    ):
        require(ctx, D, b1, field, paragraph)
    # These may come from the company profile when the report does not repeat them.
    for field, profile_field, paragraph in (
        ("legal_form", "legal_form", "24(e)(i)"),
        ("nace_codes", "nace_codes", "24(e)(ii)"),
        ("primary_country", "primary_country", "24(e)(vi)"),
        ("sites", "sites", "24(e)(vii)"),
    ):
        if not ctx.company.present(profile_field):
            require(ctx, D, b1, field, paragraph)
    if b1.value("legal_form") == "other":
        require(ctx, D, b1, "other_legal_form", "24(e)(i)", "The legal form is 'other': specify it.")


@rule("B1.consolidation", "Subsidiaries with registered address when consolidated (24(d))", RULES)
def check_subsidiaries(ctx: Context) -> None:
    b1 = ctx.module(D)
    if b1.value("basis_for_reporting") != "consolidated":
        return
    if not require(ctx, D, b1, "subsidiaries", "24(d)", "The report is consolidated: list the subsidiaries."):
        return
    for sub in b1.items("subsidiaries"):
        require(ctx, D, sub, "name", "24(d)")
        require(ctx, D, sub, "registered_address", "24(d)")


@rule("B1.certifications", "Certification description when the undertaking holds one (25)", RULES)
def check_certifications(ctx: Context) -> None:
    b1 = ctx.module(D)
    if gate(ctx, D, b1, "has_sustainability_certifications", ["sustainability_certifications"], "25",
            "Does the undertaking hold sustainability-related certifications or labels?"):
        require(ctx, D, b1, "sustainability_certifications", "25", "Describe the certifications or labels.")


@rule("B1.nace", "NACE codes at class level (24(e)(ii), guidance 69-70)", RULES)
def check_nace(ctx: Context) -> None:
    b1 = ctx.module(D)
    codes = b1.value("nace_codes")
    if not isinstance(codes, list):
        return
    for index, code in enumerate(codes):
        if not isinstance(code, str):
            continue
        path = f"{b1.path('nace_codes')}.{index}"
        if not NACE_ANY.match(code.strip()):
            ctx.error(D, path, "B1_NACE_CODE_INVALID", f"'{code}' is not a NACE code (e.g. '47.21').", "24(e)(ii)")
        elif not NACE_CLASS.match(code.strip()):
            ctx.warning(D, path, "B1_NACE_CODE_NOT_CLASS_LEVEL",
                        f"'{code}': give the NACE code at class level (4 digits, e.g. '47.21') as the EFRAG template requires.",
                        "24(e)(ii)")


@rule("B1.sites", "Site geolocation (24(e)(vii), guidance 73-76)", RULES)
def check_sites(ctx: Context) -> None:
    b1 = ctx.module(D)
    for site in b1.items("sites"):
        lat, lon = site.number("latitude"), site.number("longitude")
        if (lat is None) != (lon is None):
            ctx.error(D, site.path("latitude" if lat is None else "longitude"), "B1_SITE_COORDINATES_INCOMPLETE",
                      "Give both latitude and longitude of the site.", "24(e)(vii)")
        elif lat is None and not site.present("address"):
            ctx.warning(D, site.path("latitude"), "B1_SITE_LOCATION_MISSING",
                        "Give the site's coordinates (five decimal places) or at least its address.", "24(e)(vii)")
        require(ctx, D, site, "country", "24(e)(vii)")


@rule("B1.profile_coherence", "Turnover and employees agree with the company profile or are explained (para 20)", RULES)
def check_profile(ctx: Context) -> None:
    b1 = ctx.module(D)
    for field, explanation, what in (
        ("turnover", "turnover_difference_explanation", "turnover"),
        ("number_of_employees", "employees_difference_explanation", "number of employees"),
    ):
        reported, profile = b1.number(field), ctx.company.number(field)
        if reported is None or profile is None or close(reported, profile):
            continue
        if ctx.report.text(explanation):
            continue
        ctx.error(D, b1.path(field), f"B1_{field.upper()}_DIFFERS_FROM_PROFILE",
                  f"The report's {what} ({fmt(reported)}) differs from the company profile ({fmt(profile)}); "
                  f"correct it or explain the difference.", "20")
    reported, profile = b1.number("balance_sheet_total"), ctx.company.number("balance_sheet_total")
    if reported is not None and profile is not None and not close(reported, profile):
        ctx.warning(D, b1.path("balance_sheet_total"), "B1_BALANCE_SHEET_TOTAL_DIFFERS_FROM_PROFILE",
                    f"The report's balance sheet total ({fmt(reported)}) differs from the company profile ({fmt(profile)}).", "20")
