"""De-identification of a whole StructuredReport (fake identities only)."""

from checkup2action.deid.scrub import DeidOptions, deidentify
from checkup2action.report.models import (
    BBox,
    LabResult,
    Provenance,
    ReportWarning,
    SourceInfo,
    StructuredReport,
)

SHA = "ab" * 32


def _result(rid: str, name: str, value: str, panel: str | None = None) -> LabResult:
    box = BBox(x0=1, top=1, x1=2, bottom=2)
    return LabResult(
        id=rid,
        panel=panel,
        name_raw=name,
        value_raw=value,
        provenance=[Provenance(page=1, bbox=box)],
    )


def _report() -> StructuredReport:
    return StructuredReport(
        source=SourceInfo(file_name="Jane Doe blood test.PDF", sha256=SHA, page_count=1, pages=[]),
        lab_results=[
            _result("r1", "Hemoglobin", "13.5", panel="姓名：张小明 性别：男"),
            _result("r2", "Patient ID", "00123456"),
            _result("r3", "Glucose", "5.1"),
        ],
        warnings=[
            ReportWarning(stage="tables", code="X", message="line 'Jane Doe  MRN 0012' unread")
        ],
    )


LINES = ["Name: Jane Doe  MRN: 00123456", "姓名：张小明 性别：男", "Hemoglobin 13.5 g/dL"]


def test_identifiers_leave_every_field():
    out = deidentify(_report(), LINES)
    text = out.to_json()
    for secret in ("Jane Doe", "张小明", "00123456"):
        assert secret not in text
    assert out.source.file_name == "abababababababab.pdf"
    assert [r.id for r in out.lab_results] == ["r1", "r3"]  # the Patient ID row is no result
    assert out.lab_results[0].panel is None
    assert out.identifiers == []
    assert any(w.code == "IDENTIFIER_ROWS_DROPPED" for w in out.warnings)


def test_keep_options():
    out = deidentify(_report(), LINES, DeidOptions(keep_filenames=True, keep_identifiers=True))
    assert out.source.file_name == "Jane Doe blood test.PDF"
    kept = {(i.kind, i.text) for i in out.identifiers}
    assert ("name", "Jane Doe") in kept and ("record_number", "00123456") in kept
    assert ("name", "张小明") in kept


def test_a_number_found_as_an_identifier_is_removed_only_as_a_whole_word():
    lines = ["Lab No.: 4398  Age: 30"]
    report = _report().model_copy(
        update={"lab_results": [_result("r1", "Platelets", "14398.5"), _result("r2", "X", "4398")]}
    )
    out = deidentify(report, lines)
    assert [r.value_raw for r in out.lab_results] == ["14398.5"]  # r2 held the lab number


def test_findings_summary_and_sections_lose_lines_that_hold_identifiers():
    from checkup2action.report.models import Finding, Section, SummaryItem

    prov = [Provenance(page=1, bbox=BBox(x0=1, top=1, x1=2, bottom=2))]
    report = _report().model_copy(
        update={
            "findings": [
                Finding(id="f1", category="ecg", modality="ecg", heading="心电图",
                        text="窦性心律\n报告医生：张小明", impression="正常心电图", provenance=prov),
                Finding(id="f2", category="physical_exam", text="Seen by Jane Doe",
                        provenance=prov),
            ],
            "summary": [
                SummaryItem(id="s1", kind="advice", text="1. Diet\nJane Doe, MD", provenance=prov),
                SummaryItem(id="s2", kind="conclusion", text="Jane Doe", provenance=prov),
            ],
            "sections": [
                Section(title="Lipids", kind="laboratory", page_start=1, page_end=1, provenance=prov),
                Section(title="Jane Doe", kind="other", page_start=1, page_end=1, provenance=prov),
            ],
        }
    )  # fmt: skip
    out = deidentify(report, LINES)
    assert "Jane Doe" not in out.to_json() and "张小明" not in out.to_json()
    assert [(f.id, f.text) for f in out.findings] == [("f1", "窦性心律")]
    assert [(s.id, s.text) for s in out.summary] == [("s1", "1. Diet")]
    assert [s.title for s in out.sections] == ["Lipids"]


def test_report_headings_and_units_are_not_names():
    from checkup2action.deid.identifiers import find_identifiers

    assert find_identifiers("主检报告") == []  # 主检 labels a name only before a colon
    assert find_identifiers("PR间期：172ms QRS时限：99ms") == []  # ms is a unit, not Ms.
    assert [i.text for i in find_identifiers("主检：张小明")] == ["张小明"]


def test_a_word_of_a_found_name_on_a_line_of_its_own_leaves_free_text():
    from checkup2action.report.models import Finding

    prov = [Provenance(page=1, bbox=BBox(x0=1, top=1, x1=2, bottom=2))]
    finding = Finding(id="f1", category="imaging", modality="ultrasound",
                      text="JANE\nLiver of normal size.", provenance=prov)  # fmt: skip
    out = deidentify(_report().model_copy(update={"findings": [finding]}), LINES)
    assert out.findings[0].text == "Liver of normal size."


def test_a_name_wrapped_onto_the_next_line_is_kept_whole_and_removed_in_parts():
    lines = ["Patient Name:  JANE ROSE  MRN: 00123456", "SAMPLE-DOE", "Hemoglobin 13.5 g/dL"]
    unread = ReportWarning(stage="tables", code="X", message="line 'SAMPLE-DOE' unread")
    report = _report().model_copy(update={"warnings": [unread]})
    kept = deidentify(report, lines, DeidOptions(keep_identifiers=True))
    assert ("name", "JANE ROSE SAMPLE-DOE") in {(i.kind, i.text) for i in kept.identifiers}
    assert "SAMPLE-DOE" not in deidentify(report, lines).to_json()
