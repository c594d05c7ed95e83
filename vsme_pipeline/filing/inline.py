"""Inline XBRL: one self-contained XHTML report, readable first, with every fact tagged inline.

Sections follow the disclosures reported (B1 ... C9, in the taxonomy's presentation order of
concepts inside each); each fact appears in a table row (label, value, unit, dimensions). Inline SVG
charts where a reader would rather look: energy mix (renewable / non-renewable per source),
GHG emissions by scope across years (C3 base year, current year, target year), workforce split by
gender and by contract. Numbers are tagged ``ix:nonFraction`` (percentages shown as percent with
``scale="-2"``), texts ``ix:nonNumeric``, booleans ``ixt:fixed-true``/``fixed-false``, enumeration values
(expanded names) in ``ix:hidden`` next to their readable label. No external resources.
"""

import hashlib
from collections import defaultdict
from decimal import Decimal
from html import escape
from typing import Any

from documents.modules import DISCLOSURE_INFO
from vsme_pipeline.filing.facts import Fact, FactSet, Period
from vsme_pipeline.filing.taxonomy import Taxonomy, load_taxonomy

__all__ = ["disclosure_of", "render_inline_xbrl", "render_pdf"]

_NS = {
    "xmlns": "http://www.w3.org/1999/xhtml",
    "xmlns:ix": "http://www.xbrl.org/2013/inlineXBRL",
    "xmlns:ixt": "http://www.xbrl.org/inlineXBRL/transformation/2020-02-12",
    "xmlns:xbrli": "http://www.xbrl.org/2003/instance",
    "xmlns:link": "http://www.xbrl.org/2003/linkbase",
    "xmlns:xlink": "http://www.w3.org/1999/xlink",
    "xmlns:xbrldi": "http://xbrl.org/2006/xbrldi",
    "xmlns:iso4217": "http://www.xbrl.org/2003/iso4217",
    "xmlns:utr": "http://www.xbrl.org/2009/utr",
}

_CSS = """
body{font-family:"DejaVu Sans",Arial,sans-serif;font-size:10pt;color:#1d2b36;margin:2em}
h1{font-size:20pt;color:#0b4f6c;margin-bottom:0}h2{font-size:13pt;color:#0b4f6c;border-bottom:2px solid #0b4f6c;padding-top:.6em;page-break-after:avoid}
section{page-break-inside:auto}table{border-collapse:collapse;width:100%;margin:.4em 0 1em}
td,th{border-bottom:1px solid #d5dde3;padding:3px 6px;text-align:left;vertical-align:top}th{background:#eef3f6}
td.num{text-align:right;white-space:nowrap}.dim{color:#5a6b78;font-size:8.5pt}.charts svg{margin:0 1em 1em 0}
.meta{color:#5a6b78}@page{size:A4;margin:18mm 15mm}
"""


def disclosure_of(concept: str, sources: str, taxonomy: Taxonomy) -> str:
    """Disclosure code (``B3``) of a fact: from its report path (``b3.``), else the presentation role."""
    head = sources.split(".", 1)[0].split("[", 1)[0].lower()
    if head.upper() in DISCLOSURE_INFO:
        return head.upper()
    if head in ("company", "reportingoption", "omitteddisclosures", "generaldisclosures"):
        return "B1" if head != "generaldisclosures" else "General"
    for role in taxonomy.presentation:
        if any(row[1] == concept for row in role.get("rows") or []):
            definition = str(role.get("definition") or "")
            for code in sorted(DISCLOSURE_INFO, key=len, reverse=True):
                if f"] {code} " in definition or f"] {code}-" in definition:
                    return code
    return "General"


def _context_id(fact: Fact) -> str:
    digest = hashlib.sha1(repr((fact.period, fact.dimensions)).encode()).hexdigest()[:10]
    return f"c-{digest}"


def _unit_id(unit: str) -> str:
    return "u-" + unit.replace(":", "-").replace("/", "-per-")


def _context_xml(fact: Fact, facts: FactSet) -> str:
    period = fact.period
    if period.start is None:
        period_xml = f"<xbrli:instant>{period.end.isoformat()}</xbrli:instant>"
    else:
        period_xml = f"<xbrli:startDate>{period.start.isoformat()}</xbrli:startDate><xbrli:endDate>{period.end.isoformat()}</xbrli:endDate>"
    members = []
    for axis, member in fact.dimensions:
        if axis in fact.typed:
            members.append(f'<xbrldi:typedMember dimension="{axis}"><vsme:TYP>{escape(member)}</vsme:TYP></xbrldi:typedMember>')
        else:
            members.append(f'<xbrldi:explicitMember dimension="{axis}">{member}</xbrldi:explicitMember>')
    scenario = f"<xbrli:scenario>{''.join(members)}</xbrli:scenario>" if members else ""
    return (f'<xbrli:context id="{_context_id(fact)}"><xbrli:entity><xbrli:identifier scheme="{escape(facts.entity.scheme)}">'
            f"{escape(facts.entity.identifier)}</xbrli:identifier></xbrli:entity><xbrli:period>{period_xml}</xbrli:period>{scenario}</xbrli:context>")


def _unit_xml(unit: str) -> str:
    if "/" in unit:
        numerator, denominator = unit.split("/", 1)
        return (f'<xbrli:unit id="{_unit_id(unit)}"><xbrli:divide><xbrli:unitNumerator><xbrli:measure>{numerator}</xbrli:measure>'
                f"</xbrli:unitNumerator><xbrli:unitDenominator><xbrli:measure>{denominator}</xbrli:measure></xbrli:unitDenominator></xbrli:divide></xbrli:unit>")
    return f'<xbrli:unit id="{_unit_id(unit)}"><xbrli:measure>{unit}</xbrli:measure></xbrli:unit>'


def _tag(fact: Fact, index: int, taxonomy: Taxonomy, hidden: list[str]) -> str:
    concept = taxonomy.concept(fact.concept)
    ctx, fid = _context_id(fact), f"f{index:04d}"
    if concept is not None and concept.numeric:
        percent = concept.type_local == "percentItemType"
        shown = Decimal(fact.value) * 100 if percent else Decimal(fact.value)  # exact: the displayed value is the fact
        unit = f' unitRef="{_unit_id(fact.unit)}"' if fact.unit else ' unitRef="u-xbrli-pure"'
        sign = ' sign="-"' if shown < 0 else ""
        text = _grouped(abs(shown))
        scale = ' scale="-2"' if percent else ' scale="0"'
        return (f'<ix:nonFraction id="{fid}" name="{fact.concept}" contextRef="{ctx}"{unit} decimals="{fact.decimals}"'
                f'{scale}{sign} format="ixt:num-dot-decimal">{text}</ix:nonFraction>{" %" if percent else ""}')
    if concept is not None and concept.type_local == "booleanItemType":
        fmt = "ixt:fixed-true" if fact.value == "true" else "ixt:fixed-false"
        return f'<ix:nonNumeric id="{fid}" name="{fact.concept}" contextRef="{ctx}" format="{fmt}">{"Yes" if fact.value == "true" else "No"}</ix:nonNumeric>'
    if concept is not None and concept.is_enumeration:
        hidden.append(f'<ix:nonNumeric id="{fid}" name="{fact.concept}" contextRef="{ctx}">{escape(fact.value)}</ix:nonNumeric>')
        labels = []
        for uri in fact.value.split():
            namespace, _, local = uri.partition("#")
            prefix = next((p for p, ns in taxonomy.namespaces.items() if ns == namespace), "vsme")
            labels.append((taxonomy.member_label(f"{prefix}:{local}") or local).removesuffix(" [member]"))
        return escape(", ".join(labels))
    return f'<ix:nonNumeric id="{fid}" name="{fact.concept}" contextRef="{ctx}" escape="false">{escape(fact.value)}</ix:nonNumeric>'


def _grouped(value: Decimal) -> str:
    """Exact decimal with thousands separators (``ixt:num-dot-decimal``), no exponent."""
    text = format(value.normalize(), "f")
    whole, _, fraction = text.partition(".")
    return f"{int(whole):,}" + (f".{fraction}" if fraction else "")


def _bar_chart(title: str, bars: list[tuple[str, float]], unit: str) -> str:
    bars = [(label, value) for label, value in bars if value is not None]
    if not bars or max(v for _, v in bars) <= 0:
        return ""
    width, row = 360, 22
    top = max(v for _, v in bars)
    height = 28 + row * len(bars)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" aria-label="{escape(title)}">',
             f'<text x="0" y="14" font-size="11" font-weight="bold" fill="#0b4f6c">{escape(title)}</text>']
    colours = ["#0b8f6c", "#c76b29", "#0b4f6c", "#8a5bb0", "#b0a25b", "#5b8ab0"]
    for i, (label, value) in enumerate(bars):
        y = 24 + i * row
        length = 0 if top == 0 else (width - 200) * value / top
        parts.append(f'<text x="0" y="{y + 13}" font-size="9">{escape(label)}</text>')
        parts.append(f'<rect x="110" y="{y + 2}" width="{length:.1f}" height="14" fill="{colours[i % len(colours)]}"/>')
        parts.append(f'<text x="{114 + length:.1f}" y="{y + 13}" font-size="9">{value:,.2f} {escape(unit)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _value(facts: FactSet, local: str, dims: dict[str, str] | None = None, year: int | None = None) -> float | None:
    for fact in facts.facts:
        if fact.concept == f"vsme:{local}" and dict(fact.dimensions) == (dims or {}) and (year is None or fact.period.end.year == year):
            return float(fact.value)
    return None


def _charts(facts: FactSet) -> dict[str, str]:
    energy_axis = "vsme:BreakdownOfEnergyConsumptionAxis"
    energy = []
    for local, label in (("EnergyConsumptionFromElectricity", "Electricity"), ("EnergyConsumptionFromSelfGeneratedElectricity", "Self-generated"),
                         ("EnergyConsumptionFromFuels", "Fuels")):
        for member, kind in (("vsme:RenewableEnergyMember", "renewable"), ("vsme:NonRenewableEnergyMember", "non-renew.")):
            value = _value(facts, local, {energy_axis: member})
            if value is not None:
                energy.append((f"{label} {kind}", value))
    scopes = "vsme:ReportingScopesAxis"
    emissions: list[tuple[str, float]] = []
    when_members: tuple[tuple[str | None, str], ...] = (("vsme:BaselineYearMember", "base"), (None, "current"), ("vsme:TargetYearMember", "target"))
    for scope_member, when in when_members:
        for local, label in (("GrossScope1GreenhouseGasEmissions", "S1"), ("GrossLocationBasedScope2GreenhouseGasEmissions", "S2 loc."),
                             ("GrossScope3GreenhouseGasEmissions", "S3")):
            found = [f for f in facts.facts if f.concept == f"vsme:{local}" and dict(f.dimensions) == ({scopes: scope_member} if scope_member else {})]
            for fact in found:
                emissions.append((f"{label} {fact.period.end.year} ({when})", float(fact.value)))
    workforce = [(label, v) for local, label in (("NumberOfFemaleEmployees", "Female"), ("NumberOfMaleEmployees", "Male"),
                                                 ("NumberOfOtherGenderEmployees", "Other"), ("NumberOfNonReportedGenderEmployees", "Not reported"),
                                                 ("NumberOfPermanentContractEmployees", "Permanent"), ("NumberOfTemporaryContractEmployees", "Temporary"))
                 if (v := _value(facts, local)) is not None]
    return {
        "B3": _bar_chart("Energy mix (MWh)", energy, "MWh") + _bar_chart("GHG emissions by scope across years (tCO2e)", emissions, "t"),
        "B8": _bar_chart("Workforce split (employees)", workforce, ""),
    }


def render_inline_xbrl(facts: FactSet, *, title: str = "Sustainability report", company: str = "") -> str:
    """The inline XBRL document (XHTML) for ``facts``."""
    taxonomy = load_taxonomy(facts.edition)
    ordered = facts.sorted_facts()
    contexts: dict[str, str] = {}
    units: dict[str, str] = {"u-xbrli-pure": '<xbrli:unit id="u-xbrli-pure"><xbrli:measure>xbrli:pure</xbrli:measure></xbrli:unit>'}
    by_section: dict[str, list[tuple[int, Fact]]] = defaultdict(list)
    for index, fact in enumerate(ordered, start=1):
        contexts.setdefault(_context_id(fact), _context_xml(fact, facts))
        if fact.unit:
            units.setdefault(_unit_id(fact.unit), _unit_xml(fact.unit))
        by_section[disclosure_of(fact.concept, fact.source, taxonomy)].append((index, fact))
    position: dict[str, int] = {}
    for role in taxonomy.presentation:
        for row in role.get("rows") or []:
            position.setdefault(row[1], len(position))
    for rows in by_section.values():
        rows.sort(key=lambda item: (position.get(item[1].concept, 10**6), item[1].dimensions, item[1].period.end))
    hidden: list[str] = []
    charts = _charts(facts)
    sections = []
    order = [*DISCLOSURE_INFO, "General"]
    for code in order:
        section_rows = by_section.get(code) or []
        if not section_rows:
            continue
        heading = f"{code} – {DISCLOSURE_INFO[code].title}" if code in DISCLOSURE_INFO else "Other and entity-specific information"
        body = []
        for index, fact in section_rows:
            concept = taxonomy.concept(fact.concept)
            label = (concept.label if concept and concept.label else fact.concept.split(":", 1)[1])
            dims = ", ".join(
                f"{escape(member)}" if axis in fact.typed else escape((taxonomy.member_label(member) or member).removesuffix(" [member]"))
                for axis, member in fact.dimensions)
            period = "" if fact.period == facts.period or fact.period == Period(end=facts.period.end) else f" ({fact.period.end.year})"
            cell_class = ' class="num"' if concept is not None and concept.numeric else ""
            unit = escape((fact.unit or "").split(":", 1)[-1].replace("iso4217:", ""))
            body.append(f"<tr><td>{escape(label)}{period}<div class=\"dim\">{dims}</div></td><td{cell_class}>{_tag(fact, index, taxonomy, hidden)}</td><td>{unit}</td></tr>")
        chart = f'<div class="charts">{charts[code]}</div>' if charts.get(code) else ""
        sections.append(f'<section id="{code}"><h2>{escape(heading)}</h2>{chart}<table><thead><tr><th>Datapoint</th><th>Value</th><th>Unit</th></tr></thead>'
                        f"<tbody>{''.join(body)}</tbody></table></section>")
    namespaces = " ".join(f'{k}="{v}"' for k, v in _NS.items())
    extra_ns = " ".join(f'xmlns:{p}="{ns}"' for p, ns in sorted(taxonomy.namespaces.items()) if p in ("vsme", "country", "nace", "waste"))
    period_text = f"{facts.period.start.isoformat() if facts.period.start else ''} – {facts.period.end.isoformat()}"
    hidden_xml = f"<ix:hidden>{''.join(hidden)}</ix:hidden>" if hidden else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<html {namespaces} {extra_ns}><head><meta charset="UTF-8"/><title>{escape(title)}</title>'
        f"<style>{_CSS}</style></head><body>"
        f'<div style="display:none"><ix:header>{hidden_xml}<ix:references><link:schemaRef xlink:type="simple" xlink:href="{taxonomy.entry_point}"/></ix:references>'
        f"<ix:resources>{''.join(contexts[k] for k in sorted(contexts))}{''.join(units[k] for k in sorted(units))}</ix:resources></ix:header></div>"
        f"<h1>{escape(title)}</h1><p class=\"meta\">{escape(company)} · reporting period {period_text} · VSME taxonomy {facts.edition} · "
        f"{len(ordered)} tagged facts · currency {escape(facts.currency)}</p>"
        f"{''.join(sections)}</body></html>\n"
    )


def render_pdf(html: str) -> bytes:
    """The PDF of the inline XBRL report (WeasyPrint; needs Pango, see scripts/system-packages.txt)."""
    from weasyprint import HTML  # type: ignore[import-untyped]

    pdf: Any = HTML(string=html).write_pdf()
    return bytes(pdf)
