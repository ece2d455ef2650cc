def test_booklets_printed_out_of_register_keep_unit_and_range_with_their_row(tmp_path):
    """Unit and range printed half a row above (or below) their values stay with that row."""
    import random

    from checkup2action.pipeline import ingest
    from checkup2action.samples.generator import generate
    from checkup2action.samples.scoring import score_document

    def register(seed):
        rng = random.Random(f"zh_hant_booklet:{seed}:register")
        return rng.choice([0.45, -0.45]) if rng.random() < 0.3 else 0.0

    seeds = {register(s): s for s in range(12)}
    assert {0.45, -0.45} <= set(seeds)
    for shift in (0.45, -0.45):
        gen = generate("zh_hant_booklet", seeds[shift])
        path = tmp_path / f"b{seeds[shift]}.pdf"
        path.write_bytes(gen.pdf)
        summary = score_document(gen.truth, ingest(path).model_dump(mode="json")).summary()
        assert summary["recall"] == 1.0 and summary["unit"] == 1.0 and summary["range"] == 1.0


def test_a_row_cut_in_two_by_line_clustering_is_joined():
    """Small type out of register: the name rides with unit and range, its value 3.6 pt lower."""
    from checkup2action.ingestion.document import Word
    from checkup2action.layout.lines import cluster_lines
    from checkup2action.tables.roles import Role
    from checkup2action.tables.rows import _assemble_free, body_lines

    layout = four_columns((250, 370, 430), ("檢驗項目", "本次結果", "單位", "參考範圍"))

    def word(text, x0, top):
        return Word(text, x0, top, x0 + 6 * len(text), top + 7, 1, size=7)

    words = [
        word("紅血球(RBC)", 112, 113.8), word("10^6/uL", 373, 113.8), word("4.14-5.80", 440, 113.8),
        word("3.07", 265, 117.4),
        word("g/dl", 380, 128.2), word("13.0-17.7", 438, 128.2),
        word("血色素(HGB)", 112, 131.8), word("15.8", 265, 131.8),
        word("%", 383, 143.3), word("37.5-51.0", 438, 143.3),
        word("血球容積比(HCT)", 111, 146.9), word("28.7", 265, 146.9),
    ]  # fmt: skip
    rows, _ = _assemble_free(body_lines(layout, cluster_lines(words)), 1)
    got = [
        (r.text(Role.NAME), r.text(Role.VALUE), r.text(Role.UNIT), r.text(Role.RANGE)) for r in rows
    ]
    assert got == [
        ("紅血球(RBC)", "3.07", "10^6/uL", "4.14-5.80"),
        ("血色素(HGB)", "15.8", "g/dl", "13.0-17.7"),
        ("血球容積比(HCT)", "28.7", "%", "37.5-51.0"),
    ]


def test_cell_words_keep_reading_order_when_ocr_tops_differ_a_little():
    """'红血球数目' and 'RBC' from two OCR boxes, RBC 1 pt higher: one line, left to right."""
    from checkup2action.ingestion.document import Word
    from checkup2action.tables.model import RawRow
    from checkup2action.tables.roles import Role

    row = RawRow(page=1)
    row.add(
        Role.NAME,
        [Word("RBC", 100, 175.4, 118, 185.2, 1), Word("红血球数目", 50, 176.4, 95, 186.2, 1)],
    )
    row.add(Role.NAME, [Word("(計數)", 50, 190, 80, 199, 1)])  # a wrapped second line stays below
    assert row.text(Role.NAME) == "红血球数目 RBC (計數)"


def test_headerless_line_with_a_misread_unit_between_value_and_range_is_a_result():
    from checkup2action.ingestion.document import Word
    from checkup2action.layout.lines import cluster_lines
    from checkup2action.tables.headerless import content_cells
    from checkup2action.tables.roles import Role

    def line(*cells):
        return cluster_lines([Word(t, x, 100, x + 6 * len(t), 110, 1, size=9) for t, x in cells])[0]

    cells = content_cells(line(("RDW", 51), ("13.1", 226), ("%6", 277), ("11.6-14.0", 327)))
    assert cells is not None and [w.text for w in cells[Role.UNIT]] == ["%6"]
    assert (
        content_cells(line(("RDW", 51), ("13.1", 226), ("%6", 277))) is None
    )  # no range: no guess


def test_a_colon_in_a_test_name_is_no_key_value_text() -> None:
    from checkup2action.tables.rows import key_value_text

    assert key_value_text("姓名：张三")
    assert key_value_text("Sample: Serum")
    assert not key_value_text("镜检：白细胞")  # microscopy: WBC
    assert not key_value_text("Mean Corpuscular Hb Conc (M.C.H.C.):")
    assert not key_value_text("Haemoglobin")


def test_an_indented_known_test_with_a_value_is_no_interpretive_row():
    """Item codes joined to some names move the table's left edge; a known test at the name
    column with a value stays, a risk band's words at the same indent do not."""
    from checkup2action.ingestion.document import Word
    from checkup2action.tables.model import RawRow
    from checkup2action.tables.roles import Role
    from checkup2action.tables.rows import is_interpretive

    def row(name: str, value: str) -> RawRow:
        r = RawRow(page=1)
        r.add(Role.NAME, [Word(name, 110, 100, 170, 110, 1, size=10)])
        r.add(Role.VALUE, [Word(value, 420, 100, 440, 110, 1, size=10)])
        return r

    assert not is_interpretive(row("红细胞", "0"), name_x0=16, em=10)
    assert is_interpretive(row("Borderline", "200-239"), name_x0=16, em=10)
    assert is_interpretive(row("红细胞", "<5"), name_x0=16, em=10)


def test_a_table_of_cut_offs_is_no_results_but_an_allergen_below_its_limit_is():
    """Value and range both thresholds: a band's row when its name is a risk, a degree or a
    sex; a result when its name is a test's (known to the catalogue or not)."""
    from checkup2action.ingestion.document import Word
    from checkup2action.tables.model import RawRow
    from checkup2action.tables.roles import Role
    from checkup2action.tables.rows import is_cutoff_row

    def row(name: str, value: str, rng: str) -> RawRow:
        r = RawRow(page=1)
        r.add(Role.NAME, [Word(name, 10, 100, 170, 110, 1, size=10)])
        r.add(Role.VALUE, [Word(value, 220, 100, 260, 110, 1, size=10)])
        r.add(Role.RANGE, [Word(rng, 320, 100, 360, 110, 1, size=10)])
        return r

    assert is_cutoff_row(row("RISCO BAIXO", "< 120", "< 150"))
    assert is_cutoff_row(row("Males Females", "<7", "<5"))
    assert not is_cutoff_row(row("Birch pollen IgE", "<0.10", "< 0.10"))  # an allergen's
    assert not is_cutoff_row(row("High sensitivity CRP", "<0.5", "<3"))  # a test's
    assert not is_cutoff_row(row("Low risk", "110", "< 120"))  # a value, not a threshold


def test_a_test_not_done_is_no_result():
    from checkup2action.ingestion.document import Word
    from checkup2action.tables.model import RawRow
    from checkup2action.tables.roles import Role
    from checkup2action.tables.rows import is_not_performed_row

    def row(name: str, value: str) -> RawRow:
        r = RawRow(page=1)
        r.add(Role.NAME, [Word(name, 10, 100, 170, 110, 1, size=10)])
        r.add(Role.VALUE, [Word(value, 220, 100, 300, 110, 1, size=10)])
        return r

    assert is_not_performed_row(row("Urine Sugar", "NO SAMPLE"))
    assert is_not_performed_row(row("HbA1c", "Pending."))
    assert is_not_performed_row(row("尿酸", "未做"))
    assert not is_not_performed_row(row("Urine Sugar", "Nil"))
    assert not is_not_performed_row(row("Culture", "No growth"))


def test_a_count_span_beside_a_range_in_words_is_the_result() -> None:
    from checkup2action.ingestion.document import Word
    from checkup2action.tables.roles import Role
    from checkup2action.tables.rows import LineKind, classify

    def cells(rng: str) -> dict:
        return {
            Role.NAME: [Word("白细胞(WBC)", 37, 62, 107, 70, 1, size=8)],
            Role.VALUE: [Word("2-5", 261, 66, 288, 74, 1, size=8)],
            Role.RANGE: [Word(rng, 368, 62, 419, 70, 1, size=8)],
        }

    assert classify(cells("无或偶见")) is LineKind.ROW  # none or occasional
    assert classify(cells("0-5")) is LineKind.ROW


def test_a_name_ending_in_a_colon_with_value_and_range_is_a_row() -> None:
    """``Uremia :  93,9  mg/dL  | 21,0 - 43,0 |``: a result whose name the catalogue lacks."""
    from checkup2action.ingestion.document import Word
    from checkup2action.tables.roles import Role
    from checkup2action.tables.rows import LineKind, classify

    def w(t, x):
        return [Word(t, x, 100, x + 6 * len(t), 110, 1, size=10)]

    row = {
        Role.NAME: w("Uremia :", 31),
        Role.VALUE: w("93,9", 247),
        Role.RANGE: w("21,0 - 43,0", 452),
    }
    assert classify(row) is LineKind.ROW
    label = {Role.NAME: w("Muestra :", 31), Role.VALUE: w("12345", 247)}
    assert classify(label) is LineKind.TEXT


def test_a_title_in_a_signature_block_is_no_result() -> None:
    from checkup2action.ingestion.document import Word
    from checkup2action.tables.roles import Role
    from checkup2action.tables.rows import short_word_result

    def w(t, x):
        return [Word(t, x, 100, x + 6 * len(t), 110, 1, size=10)]

    assert not short_word_result({Role.NAME: w("RAHMAN", 200), Role.VALUE: w("DR", 388)})
    assert short_word_result({Role.NAME: w("Culture", 200), Role.VALUE: w("R", 388)})


def test_a_numbered_list_item_number_is_no_result_value():
    from checkup2action.ingestion.document import Word
    from checkup2action.tables.extract import list_number_row
    from checkup2action.tables.model import RawRow
    from checkup2action.tables.roles import Role

    def w(text, x):
        return Word(text, x, 10, x + 10, 20, 1)

    numbered = RawRow(
        page=1, cells={Role.NAME: [w("MCV", 30), w("high", 50)], Role.VALUE: [w("2.", 10)]}
    )
    value = RawRow(page=1, cells={Role.NAME: [w("MCV", 30)], Role.VALUE: [w("2.", 80)]})
    assert list_number_row(numbered) and not list_number_row(value)


def test_interpretive_bands_stacked_under_a_row_make_its_range() -> None:
    """A range printed as labelled bands, one per line, stays one range of the row above, up to
    the next row."""
    from checkup2action.ingestion.document import Word
    from checkup2action.layout.lines import cluster_lines
    from checkup2action.tables.roles import Role
    from checkup2action.tables.rows import _assemble_free, body_lines

    layout = four_columns((250, 330, 380), ("Test", "Result", "Unit", "Normal range"))

    def line(top, *pieces):
        return [Word(t, x, top, x + 6 * len(t), top + 10, 1, size=10) for t, x in pieces]

    words = [
        *line(100, ("Cholesterol", 10), ("144", 260), ("mg/dl", 335), ("-", 385), ("Optimal", 393),
              (":", 440), ("<200", 448)),
        *line(114, ("-", 385), ("Border", 393), ("Line", 433), (":", 460), ("200-", 468)),
        *line(128, ("240", 385)),
        *line(142, ("-", 385), ("High", 393), (":", 420), (">240", 428)),
        *line(156, ("Glucose", 10), ("96", 260), ("mg/dl", 335), ("70-100", 385)),
    ]  # fmt: skip
    rows, _ = _assemble_free(body_lines(layout, cluster_lines(words)), 1)
    assert [(r.text(Role.NAME), r.text(Role.RANGE)) for r in rows] == [
        ("Cholesterol", "- Optimal : <200 - Border Line : 200- 240 - High : >240"),
        ("Glucose", "70-100"),
    ]


def four_columns(edges: tuple[float, float, float], titles: tuple[str, str, str, str]):
    """A header table of name, value, unit and range columns split at ``edges`` (to x 600)."""
    from checkup2action.tables.model import Column, TableLayout
    from checkup2action.tables.roles import Role

    roles = (Role.NAME, Role.VALUE, Role.UNIT, Role.RANGE)
    bounds = (0.0, *edges, 600.0)
    columns = [
        Column(r, bounds[i], bounds[i + 1], t)
        for i, (r, t) in enumerate(zip(roles, titles, strict=True))
    ]
    return TableLayout(columns=columns, x0=0, x1=600, source="header")


def test_a_tall_gap_under_a_one_row_table_ends_its_body() -> None:
    from checkup2action.layout.lines import cluster_lines
    from checkup2action.tables.extract import before_wide_gap
    from tests.tables.test_listitems import words_at

    words = words_at("Ceruloplasmin, Serum 34 mg/dL", 30, 140)
    words += words_at("signature", 30, 160) + words_at("Thank you for choosing us", 80, 390)
    body = cluster_lines(words)
    assert [ln.text for ln in before_wide_gap(body)] == [ln.text for ln in body[:2]]


def test_a_line_that_would_make_a_known_name_unknown_is_no_part_of_it() -> None:
    """Tight lines: a panel's heading over its first test and a note under the last test are
    set apart from the names, while a name wrapped onto two lines is still joined."""
    from checkup2action.ingestion.document import Word
    from checkup2action.layout.lines import cluster_lines
    from checkup2action.tables.roles import Role
    from checkup2action.tables.rows import _assemble_free, body_lines

    layout = four_columns((250, 370, 430), ("Test", "Result", "Unit", "Range"))

    def line(top, *items):
        return [Word(t, x, top, x + 6 * len(t), top + 10, 1, size=10) for t, x in items]

    words = [
        *line(100, ("Coagulation", 10), ("studies", 80)),
        *line(112, ("Fibrinogen", 10), ("3.4", 260), ("g/L", 380), ("2.0-4.0", 440)),
        *line(124, ("Alanine", 10), ("34", 260), ("U/L", 380), ("7-40", 440)),
        *line(136, ("aminotransferase", 10)),
        *line(160, ("Homocysteine", 10), ("9.1", 260), ("umol/L", 380), ("5.0-15.0", 440)),
        *line(172, ("outside", 10), ("the", 60), ("reference", 90), ("interval", 150)),
    ]  # fmt: skip
    rows, headings = _assemble_free(body_lines(layout, cluster_lines(words)), 1)
    assert [r.text(Role.NAME) for r in rows] == [
        "Fibrinogen",
        "Alanine aminotransferase",
        "Homocysteine",
    ]
    assert [text for _, text in headings] == ["Coagulation studies"]
