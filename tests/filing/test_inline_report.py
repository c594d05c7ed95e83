"""Inline XBRL report and its PDF: every fact tagged inline, one section per disclosure reported,
charts inline, PDF text extractable."""

import io
import re
import xml.etree.ElementTree as ET

import pytest
from pypdf import PdfReader

from documents.modules import DISCLOSURE_INFO
from vsme_pipeline.filing.inline import disclosure_of, render_inline_xbrl, render_pdf
from vsme_pipeline.filing.mapping import facts_from_report
from vsme_pipeline.filing.taxonomy import load_taxonomy
from vsme_pipeline.sample_data import full_company, full_report


@pytest.fixture(scope="module")
def rendered():
    company = full_company()
    facts = facts_from_report(full_report(company=company), company.profile(), edition="2026-05-01")
    html = render_inline_xbrl(facts, company=company.name or "")
    return facts, html


def test_every_fact_is_tagged_once_and_the_document_is_xml(rendered):
    facts, html = rendered
    root = ET.fromstring(html.split("\n", 1)[1])
    ix = "{http://www.xbrl.org/2013/inlineXBRL}"
    tagged = [e for e in root.iter() if e.tag in (f"{ix}nonFraction", f"{ix}nonNumeric")]
    assert len(tagged) == len(facts.facts)
    assert {e.get("name") for e in tagged} == {f.concept for f in facts.facts}
    assert "<svg" in html and "Energy mix" in html and "Workforce split" in html
    assert "http://" not in re.sub(r'(xmlns(:\w+)?|scheme|xlink:href|dimension)="[^"]*"|>[^<]*<', "", html).replace("http://www.w3.org", "")  # no external resources


def test_pdf_has_one_section_per_disclosure_reported_and_extractable_text(rendered):
    facts, html = rendered
    taxonomy = load_taxonomy(facts.edition)
    reported = {disclosure_of(f.concept, f.source, taxonomy) for f in facts.facts} & set(DISCLOSURE_INFO)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(render_pdf(html))).pages)
    flat = " ".join(text.split())
    headings = [code for code in DISCLOSURE_INFO if f"{code} – {DISCLOSURE_INFO[code].title}"[:40] in flat]
    assert set(headings) == reported and len(reported) >= 15
    assert "Nordlicht" in flat


def test_inline_numbers_are_the_exact_fact_values(rendered):
    facts, html = rendered
    from decimal import Decimal

    root = ET.fromstring(html.split("\n", 1)[1])
    by_id = {f"f{i:04d}": f for i, f in enumerate(facts.sorted_facts(), start=1)}
    for element in root.iter("{http://www.xbrl.org/2013/inlineXBRL}nonFraction"):
        shown = Decimal(element.text.replace(",", "")) * Decimal(10) ** int(element.get("scale"))
        if element.get("sign") == "-":
            shown = -shown
        assert shown == Decimal(by_id[element.get("id")].value), element.get("name")
