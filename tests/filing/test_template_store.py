"""`import-template` stores a filled template as a draft report in vsme_guru (once per company-year)."""

from pathlib import Path

import pytest
from bson import ObjectId

from vsme_pipeline.filing.template_import import store_template_report

SAMPLE = Path(__file__).parent / "data" / "VSME-Digital-Template-Sample-1.3.0.xlsx"


@pytest.mark.filterwarnings("ignore::UserWarning")
async def test_sample_template_becomes_a_draft_report(databases):
    company = ObjectId()
    report_id, imported = await store_template_report(databases, SAMPLE, company)
    assert report_id is not None, imported.findings
    stored = await databases.vsme_guru["reports"].find_one({"_id": report_id})
    assert stored["companyId"] == company and stored["reportingYear"] == 2026 and stored["status"] == "draft"
    assert stored["modules"]["b1"]["turnover"] == 23500
    assert stored["modules"]["b8"]["employeeTurnoverRate"] == pytest.approx(28.40909090909091)
    again, second = await store_template_report(databases, SAMPLE, company)  # the year from the template
    assert again is None and any("exists already" in f for f in second.findings)
    given, third = await store_template_report(databases, SAMPLE, company, 2026)  # the year given: refused unread
    assert given is None and third.cells == {} and any("exists already" in f for f in third.findings)
    assert await databases.vsme_guru["reports"].count_documents({"companyId": company}) == 1
