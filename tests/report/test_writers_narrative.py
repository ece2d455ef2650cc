"""The readable outputs show vitals, findings and the physician's summary."""

from checkup2action.report.models import (
    BBox,
    Finding,
    Provenance,
    SourceInfo,
    StructuredReport,
    SummaryItem,
    Vital,
)
from checkup2action.report.writers import render_markdown, results_frame

PROV = [Provenance(page=1, bbox=BBox(x0=1, top=1, x1=2, bottom=2))]


def _report() -> StructuredReport:
    return StructuredReport(
        source=SourceInfo(file_name="a.pdf", sha256="ab" * 32, page_count=1, pages=[]),
        vitals=[Vital(id="v1", code="bmi", loinc="39156-5", name_raw="BMI", value_raw="27.1",
                      value=27.1, unit="kg/m2", flag="H", provenance=PROV)],
        findings=[Finding(id="f1", category="imaging", modality="ultrasound", heading="腹部彩超",
                          text="肝脏体积增大。\n后方回声衰减。", impression="脂肪肝（轻度）",
                          provenance=PROV)],
        summary=[SummaryItem(id="s1", kind="advice", text="1. 建议低脂饮食", provenance=PROV)],
    )  # fmt: skip


def test_markdown_shows_vitals_findings_and_summary():
    text = render_markdown(_report())
    assert "- BMI: 27.1 kg/m2 (H)" in text
    assert "### 腹部彩超 (ultrasound)" in text and "> 后方回声衰减。" in text
    assert "**Conclusion:** 脂肪肝（轻度）" in text
    assert "- [advice] 1. 建议低脂饮食" in text


def test_tables_say_which_results_were_derived():
    assert "derived" in results_frame(_report()).columns
