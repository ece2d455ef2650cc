"""Findings, summary items and sections read from the lines results and vitals leave."""

import pytest

from checkup2action.ingestion.document import Word
from checkup2action.layout import cluster_lines
from checkup2action.normalize.narrative import narrative_of
from checkup2action.normalize.sections import outline
from checkup2action.normalize.sectionwords import heading_kind, is_sign_off
from checkup2action.report.models import BBox, LabResult, Provenance


def _line(text: str, y: float, page: int = 1, *, x: float = 40.0, bold: bool = False):
    """One text line at ``y``; parts two spaces apart in ``text`` stand 30 points apart."""
    words = []
    font = "Helvetica-Bold" if bold else "Helvetica"
    for segment in text.split("  "):
        for w in segment.split(" "):
            width = 6 * len(w) if w.isascii() else 10 * len(w)
            words.append(Word(w, x, y, x + width, y + 10, page, fontname=font, size=10))
            x += width + 4
        x += 30
    (line,) = cluster_lines(words)
    return line


def _page(texts: list[str], page: int = 1, bold: tuple[int, ...] = ()):
    """Lines 16 points apart, top to bottom; ``bold``: indices of lines set in bold."""
    return [_line(t, 60 + 16 * i, page, bold=i in bold) for i, t in enumerate(texts)]


def _read(pages: dict[int, list], results: list[LabResult] = ()):
    return narrative_of(pages, results, [])


ZH_EXAMS = [
    "内科",
    "心脏：心律齐，各瓣膜听诊区未闻及病理性杂音",
    "肝脏：肝肋下未触及",
    "小结：未见明显异常",
    "心电图",
    "心率：72次/分  PR间期：160ms  QRS时限：90ms",
    "心电图诊断：窦性心律，ST-T改变",
    "报告医生：张三",
    "腹部彩超",
    "超声所见：肝脏体积增大，实质回声细密增强，",
    "后方回声衰减。",
    "超声提示：脂肪肝（轻度）",
    "健康建议",
    "1. 建议低脂饮食，适量运动，控制体重，半年后复查肝功能",
    "及腹部彩超。",
    "2. 请保持良好生活习惯。",
]


def test_chinese_exam_blocks_give_findings_summary_and_sections():
    got = _read({3: _page(ZH_EXAMS, page=3)})
    dept, ecg, us = got.findings
    assert (dept.category, dept.heading, dept.impression) == (
        "physical_exam",
        "内科",
        "未见明显异常",
    )
    assert dept.text == "心脏：心律齐，各瓣膜听诊区未闻及病理性杂音\n肝脏：肝肋下未触及"
    assert (ecg.category, ecg.modality, ecg.impression) == ("ecg", "ecg", "窦性心律，ST-T改变")
    assert "张三" not in (ecg.text or "") + (ecg.impression or "")  # sign-off lines left out
    assert [(m.name_raw, m.value, m.unit) for m in ecg.measurements] == [
        ("心率", 72.0, "/min"), ("PR间期", 160.0, "ms"), ("QRS时限", 90.0, "ms"),
    ]  # fmt: skip
    assert (us.modality, us.body_site, us.impression) == ("ultrasound", "腹部", "脂肪肝（轻度）")
    assert us.text == "肝脏体积增大，实质回声细密增强，\n后方回声衰减。"
    assert [(s.kind, s.text) for s in got.summary] == [
        ("advice", "1. 建议低脂饮食，适量运动，控制体重，半年后复查肝功能\n及腹部彩超。"),
        ("advice", "2. 请保持良好生活习惯。"),
    ]
    assert [(s.title, s.kind, s.page_start) for s in got.sections] == [
        ("内科", "physical_exam", 3), ("心电图", "ecg", 3), ("腹部彩超", "imaging", 3),
        ("健康建议", "summary", 3),
    ]  # fmt: skip
    assert all(f.provenance[0].page == 3 for f in got.findings)


def test_english_radiology_report_with_findings_and_impression():
    lines = _page(["X-Ray Chest PA View", "Findings: Both lung fields are clear.",
                   "Cardiac size is normal.", "Impression: No significant abnormality detected",
                   "Reported by: Dr. Someone"])  # fmt: skip
    (xray,) = _read({1: lines}).findings
    assert (xray.modality, xray.body_site) == ("x_ray", "Chest PA View")
    assert xray.text == "Both lung fields are clear.\nCardiac size is normal."
    assert xray.impression == "No significant abnormality detected"


def test_heading_with_content_on_its_line_and_with_its_examiner():
    got = _read({1: _page(["心电图：窦性心律", "·内科  检查者：某某", "心律  齐"])})
    ecg, dept = got.findings
    assert (ecg.heading, ecg.impression, ecg.text) == ("心电图", "窦性心律", None)
    assert (dept.heading, dept.text) == ("·内科", "心律  齐")


def test_lines_of_result_rows_and_running_headers_are_not_text():
    page1 = _page(["Lab Centre header line", "Clinical Comments", "Glucose  5.2  mmol/L",
                   "Fasting sample advised for the next visit."])  # fmt: skip
    page2 = _page(["Lab Centre header line", "Summary", "1. Glucose normal"], page=2)
    row = page1[2]
    box = BBox(x0=row.x0, top=row.top, x1=row.x1, bottom=row.bottom)
    result = LabResult(id="r1", name_raw="Glucose", value_raw="5.2",
                       provenance=[Provenance(page=1, bbox=box)])  # fmt: skip
    got = _read({1: page1, 2: page2}, [result])
    assert [s.text for s in got.summary] == [
        "Fasting sample advised for the next visit.", "1. Glucose normal",
    ]  # fmt: skip
    assert "Lab Centre header line" not in {s.title for s in got.sections}


def test_bold_line_over_result_rows_is_a_panel_heading_but_a_bold_sentence_is_not():
    lines = _page(["Specimen: serum", "Lipid Studies", "Cholesterol  5.2  mmol/L",
                   "Results relate to the sample, as received.", "HDL  1.2  mmol/L"],
                  bold=(1, 3))  # fmt: skip
    taken = {1: [(ln.x0, ln.top, ln.x1, ln.bottom) for ln in (lines[2], lines[4])]}
    titles = [(b.title, b.kind.kind) for b in outline({1: lines}, taken) if b.heading]
    assert titles == [("Lipid Studies", "laboratory")]


def test_summary_items_split_by_numbers_and_by_paragraph_ends():
    lines = _page(["体检结论与建议", "【1】内痔：", "建议高纤维素膳食，忌食辛辣。", "【2】血压偏高", "",
                   "请保持良好生活习惯。"])  # fmt: skip
    lines[4] = _line("请监测血压。", lines[3].bottom + 6, x=60.0)  # indented under item 2
    got = _read({1: lines}).summary
    assert [(s.kind, s.heading, s.text) for s in got] == [
        ("advice", "内痔", "【1】内痔：\n建议高纤维素膳食，忌食辛辣。"),
        ("conclusion", None, "【2】血压偏高\n请监测血压。"),
        ("advice", None, "请保持良好生活习惯。"),  # a short line ended item 2: a new item
    ]


@pytest.mark.parametrize(
    ("text", "kind", "modality", "site"),
    [
        ("一、体检结论", "summary", None, None),
        ("【甲状腺彩超】", "imaging", "ultrasound", "甲状腺"),
        ("USG Whole Abdomen:", "imaging", "ultrasound", "Whole Abdomen"),
        ("·超声检查室", "imaging", "ultrasound", None),
        ("心电图室", "ecg", None, None),
        ("专家建议与指导", "summary", None, None),
        ("CT Brain", "imaging", "ct", "Brain"),
    ],
)
def test_heading_kinds(text, kind, modality, site):
    found = heading_kind(text)
    assert found is not None
    assert (found.kind, found.modality, found.body_site) == (kind, modality, site)


@pytest.mark.parametrize(
    "text",
    ["主检医师：某某", "检查项目  检查结果  结论", "Mr Smith", "Glucose 5.2 mmol/L",
     "本次体检发现以下异常，请结合临床：", "Ct value 28"],
)  # fmt: skip
def test_not_headings(text):
    assert heading_kind(text) is None


def test_sign_off_lines():
    assert is_sign_off("报告医生：某某") and is_sign_off("Reported by Dr X")
    assert is_sign_off("-- End of Report --") and not is_sign_off("心律齐")


def test_a_bold_name_or_a_title_naming_someone_is_no_section():
    lines = _page(["Specimen: serum", "JANE DOE", "Cholesterol  5.2  mmol/L", "LIPID PROFILE",
                   "HDL  1.2  mmol/L"], bold=(1, 3))  # fmt: skip
    taken = {1: [(ln.x0, ln.top, ln.x1, ln.bottom) for ln in (lines[2], lines[4])]}
    titles = [b.title for b in outline({1: lines}, taken) if b.heading]
    assert titles == ["LIPID PROFILE"]
    assert heading_kind("Patient Care Summary for Jane Doe") is None
    assert heading_kind("Summary and Recommendations").advice is None  # items decide


def test_a_sub_label_alone_on_its_line_is_a_section_of_the_study():
    lines = _page(["RESSONÂNCIA MAGNÉTICA DE CABEÇA", "ACHADOS:", "Sistema ventricular normal.",
                   "IMPRESSÃO:", "Exame dentro da normalidade."])  # fmt: skip
    got = _read({1: lines})
    (mri,) = got.findings
    assert (mri.modality, mri.text, mri.impression) == (
        "mri", "Sistema ventricular normal.", "Exame dentro da normalidade.",
    )  # fmt: skip
    assert [(s.title, s.kind) for s in got.sections] == [
        ("RESSONÂNCIA MAGNÉTICA DE CABEÇA", "imaging"), ("ACHADOS", "imaging"), ("IMPRESSÃO", "imaging"),
    ]  # fmt: skip


def test_a_summary_line_read_as_a_row_with_a_word_value_is_the_summary_item():
    lines = _page(["Physician's Summary", "1. LDL cholesterol high", "2. Urine Glucose abnormal"])
    row = lines[2]
    box = BBox(x0=row.x0 + 20, top=row.top, x1=row.x1, bottom=row.bottom)
    word_row = LabResult(id="r7", name_raw="Urine Glucose", value_raw="abnormal",
                         value_text="abnormal", provenance=[Provenance(page=1, bbox=box)])  # fmt: skip
    got = _read({1: lines}, [word_row])
    assert got.absorbed == {"r7"}
    assert [s.text for s in got.summary] == ["1. LDL cholesterol high", "2. Urine Glucose abnormal"]


def test_running_headers_read_a_little_differently_by_ocr_are_still_furniture():
    page1 = _page(["Healthline Pathology Lab, Sample Road", "Summary", "1. LDL high"])
    page2 = _page(["Heallhline Pathology Lab, Sample Raad", "Advice", "1. Walk daily."], page=2)
    got = _read({1: page1, 2: page2})
    assert [s.text for s in got.summary] == ["1. LDL high", "1. Walk daily."]


def test_a_physical_exam_item_read_as_a_result_stays_in_the_department_text():
    lines = _page(["眼科", "裸视力(右)  1.5", "外眼  未见明显异常", "小结：未见明显异常"])
    row = lines[1]
    taken = {1: [(row.x0, row.top, row.x1, row.bottom)]}
    (eye,) = [b for b in outline({1: lines}, taken) if b.heading]
    assert [ln.text for ln in eye.lines] == [
        "裸视力(右)  1.5",
        "外眼  未见明显异常",
        "小结：未见明显异常",
    ]


def test_a_sub_label_misread_by_ocr_still_splits_text_from_impression():
    lines = _page(["Physical Examination", "Abdomen: Soft", "Impresion: No abnormality detected"])
    (finding,) = _read({1: lines}).findings
    assert finding.text == "Abdomen: Soft"
    assert finding.impression == "No abnormality detected"


def test_an_end_of_report_line_read_by_ocr_is_a_sign_off():
    assert is_sign_off("a=9 End of Rcpors <v0")
    assert is_sign_off("*** End of Report ***")
    assert not is_sign_off("Trend of results over time")


def test_a_section_heading_printed_atop_every_page_is_that_page_s_section():
    page1 = _page(["Klinikai kémia", "Glucose  5.1  mmol/L", "Note one"])
    page2 = _page(["Klinikai kémia", "Sodium  140  mmol/L", "Note two"], page=2)
    taken = {n: [(p[1].x0, p[1].top, p[1].x1, p[1].bottom)] for n, p in ((1, page1), (2, page2))}
    heads = [b.heading.text for b in outline({1: page1, 2: page2}, taken) if b.heading]
    assert heads == ["Klinikai kémia", "Klinikai kémia"]


def test_a_bold_test_heading_stands_apart_from_its_rows_not_from_bold_field_labels():
    texts = [
        "Name:  Jane Doe",
        "Age:  45 Y",
        "Lab No:  123",
        "VITAMIN B12",
        "(CLIA)",
        "Vitamin B12  426  pg/mL",
    ]
    lines = _page(texts, bold=(0, 1, 2, 3))
    row = lines[5]
    taken = {1: [(row.x0, row.top, row.x1, row.bottom)]}
    heads = [b.heading.text for b in outline({1: lines}, taken) if b.heading]
    assert heads == ["VITAMIN B12"]


def test_an_exam_field_naming_an_imaging_study_opens_it_and_its_particulars_are_no_findings():
    lines = _page(["检查项目：乳腺(彩超)  机房号：", "25Hz", "距离 0.7 cm",
                   "检查所见：双侧乳腺未见明显异常回声。", "提示：未见异常"])  # fmt: skip
    (study,) = _read({1: lines}).findings
    assert (study.modality, study.body_site, study.heading) == ("ultrasound", "乳腺", "乳腺(彩超)")
    assert study.text == "双侧乳腺未见明显异常回声。" and study.impression == "未见异常"


def test_an_exam_field_naming_no_study_opens_nothing():
    assert _read({1: _page(["检查项目：血常规", "检查所见：无"])}).findings == []


def test_an_exam_field_whose_value_is_a_cell_of_its_own_keeps_the_whole_value():
    (study,) = _read(
        {1: _page(["检查项目：  甲状腺彩超  机房号：", "检查所见：未见异常回声。"])}
    ).findings
    assert (study.heading, study.text) == ("甲状腺彩超", "未见异常回声。")


def test_department_blocks_named_with_routine_and_for_one_sex_are_physical_exams():
    for heading in ("【内科常规检查】", "【外科常规检查】", "【肛门指诊（男）】", "妇科检查（女）"):
        found = heading_kind(heading)
        assert found is not None and found.kind == "physical_exam", heading
    assert heading_kind("Glucose (F)") is None


def test_a_bracketed_note_on_a_study_is_no_part_of_its_site_but_a_bracketed_site_is():
    chest = heading_kind("DR胸部正位片(加急)")
    assert chest is not None and (chest.modality, chest.body_site) == ("x_ray", "DR胸部")
    neck = heading_kind("DR腰椎侧位（含胶片）")  # a lateral view is an X-ray
    assert neck is not None and (neck.modality, neck.body_site) == ("x_ray", "DR腰椎")
    belly = heading_kind("Ultrasound (Abdomen)")
    assert belly is not None and belly.body_site == "Abdomen"


def _attached_report(page: int, study: str, seen: str, summary: str) -> list:
    """A page of an attached imaging report: title, patient line, study field, description and
    summary (made up)."""
    return _page(["图文报告", "姓名：王五  性别：男  年龄：40", f"项目：{study}", "描述：", seen,
                  "小结：", summary, "诊断医师：赵六"], page=page)  # fmt: skip


def test_attached_reports_that_name_their_study_in_the_same_place_are_each_a_finding():
    pages = {
        12: _attached_report(12, "DR胸部正位片(加急)", "两肺纹理清晰。", "心肺未见异常。"),
        13: _attached_report(13, "DR腰椎侧位（含胶片）", "腰椎生理曲度变直。", "腰椎退行性变。"),
    }
    chest, neck = _read(pages).findings
    assert (chest.modality, chest.body_site, chest.impression) == (
        "x_ray",
        "DR胸部",
        "心肺未见异常。",
    )
    assert (neck.body_site, neck.text, neck.impression) == (
        "DR腰椎",
        "腰椎生理曲度变直。",
        "腰椎退行性变。",
    )
    assert [p.page for p in neck.provenance] == [13] * len(neck.provenance)


def test_main_abnormal_findings_and_an_advice_table_under_a_serial_number_header_are_summary():
    pages = {
        2: _page(
            [
                "报告阅读说明",
                "本报告仅反映本次检查时的情况。",
                "主要阳性结果和异常",
                "【1】血脂偏高",
                "【2】脂肪肝",
            ],
            page=2,
        ),
        3: _page(["序号  建议与指导", "1  ◆血脂偏高◆", "(1)请低脂饮食，适量运动。"], page=3),
    }  # fmt: skip (made up)
    got = [(s.kind, s.text) for s in _read(pages).summary]
    assert ("conclusion", "【1】血脂偏高") in got and ("conclusion", "【2】脂肪肝") in got
    assert ("advice", "(1)请低脂饮食，适量运动。") in got
