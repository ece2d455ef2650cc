"""The safety gate: diagnoses, treatments and promised outcomes, in English and Chinese."""

import pytest

from checkup2action.cards.safety import check_text, is_safe


def _kinds(text: str) -> set[str]:
    return {v.kind for v in check_text(text)}


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("You have diabetes.", "diagnosis"),
        ("Your results show you have anaemia.", "diagnosis"),
        ("You are diabetic.", "diagnosis"),
        ("This means you have early kidney disease.", "diagnosis"),
        ("这是肝癌。", "diagnosis"),
        ("您患有高血压。", "diagnosis"),
        ("结果诊断为甲亢。", "diagnosis"),
        ("Take metformin with breakfast.", "treatment"),
        ("Stop taking aspirin.", "treatment"),
        ("Start a statin.", "treatment"),
        ("Increase your dose.", "treatment"),
        ("500 mg twice a day.", "treatment"),
        ("请按时服用阿托伐他汀。", "treatment"),
        ("可以停药。", "treatment"),
        ("每次1片，每日2次。", "treatment"),
        ("This will definitely go away.", "certainty"),
        ("There is nothing to worry about.", "certainty"),
        ("绝对没问题。", "certainty"),
        ("这个结节一定是良性的。", "certainty"),
    ],
)
def test_violations_are_reported_with_their_kind(text, kind):
    assert kind in _kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "LDL cholesterol 4.2 mmol/L (130 mg/dL) is above the range printed on the report.",
        "A high LDL can raise the risk of heart disease over years; a doctor can tell what it means for you.",
        "Take this report to your next visit.",
        "The ultrasound describes a small nodule in the thyroid.",
        "A repeat test in 3 months shows whether the value changes.",
        "If you have diabetes already, tell the doctor.",
        "Do I need medication for this?",
        "Should I stop taking any medicine before the test?",
        "这项指标高于参考范围，建议到内分泌科就诊。",
        "请咨询医生是否需要用药？",
        "需要吃药吗",
        "建议保证充足睡眠，中性粒细胞绝对值偏低时复查血常规。",
        "如果您患有糖尿病，请告诉医生。",
        "一定要带上本次报告。",
    ],
)
def test_explanations_questions_and_conditions_pass(text):
    assert is_safe(text), check_text(text)


def test_violations_point_at_their_passage():
    text = "Your LDL is high. Take atorvastatin daily."
    (v,) = check_text(text)
    assert v.kind == "treatment" and text[v.start : v.end] == v.text == "Take atorvastatin"
