"""Layout regions keep prose and footers of picture pages out of table reading."""

from checkup2action.ingestion.document import Word
from checkup2action.layout.lines import cluster_lines
from checkup2action.tables.bounds import PageRegionBoxes, outside_tables, table_lines


def line(text: str, x0: float, top: float):
    """One text line of a single word, 6 pt per character, 10 pt tall."""
    return cluster_lines([Word(text, x0, top, x0 + 6 * len(text), top + 10, 1, size=9)])[0]


REGIONS = PageRegionBoxes.of(
    [
        ("title", (40, 40, 300, 60)),
        ("table", (40, 80, 550, 400)),
        ("text", (40, 420, 550, 480)),  # the physician's summary under the table
        ("footer", (40, 800, 550, 820)),
    ]
)


def test_prose_and_footer_lines_outside_tables_are_dropped():
    lines = [
        line("血液常规", 40, 45),  # a title region: may be a panel heading, kept
        line("白细胞 6.2 10^9/L 3.5-9.5", 40, 100),
        line("血红蛋白 150 g/L 130-175", 40, 395),  # the last row pokes out of its region: kept
        line("1.血压偏高150/95mmHg建议复查", 40, 430),
        line("第1页共2页", 250, 805),
    ]
    kept = [ln.text for ln in table_lines(lines, REGIONS)]
    assert kept == ["血液常规", "白细胞 6.2 10^9/L 3.5-9.5", "血红蛋白 150 g/L 130-175"]


def test_pages_without_table_regions_or_regions_are_read_whole():
    lines = [line("1.血压偏高150/95mmHg", 40, 430)]
    assert table_lines(lines, None) == lines
    no_table = PageRegionBoxes.of([("text", (40, 420, 550, 480))])
    assert not outside_tables(lines[0], no_table)
    assert table_lines(lines, no_table) == lines


def test_a_table_header_in_a_prose_region_above_its_table_is_kept():
    header = cluster_lines(
        [
            Word(text, x0, 70, x0 + 6 * len(text), 78, 1, size=9)
            for text, x0 in [("Test", 40), ("Result", 200), ("Units", 300), ("Reference", 380)]
        ]
    )[0]
    regions = PageRegionBoxes.of([("text", (40, 60, 550, 79)), ("table", (40, 90, 550, 400))])
    assert outside_tables(header, regions)  # the model drew the table's top under its header
    assert table_lines([header], regions) == []
    assert table_lines([header], regions, headers={0}) == [header]


def test_page_tables_keep_a_header_the_regions_put_in_prose():
    from checkup2action.ingestion.document import Page
    from checkup2action.tables.extract import page_tables

    def words(cells, top):
        return [Word(t, x, top, x + 6 * len(t), top + 8, 1, size=8) for t, x in cells]

    header = words([("Test", 40), ("Result", 200), ("Units", 300), ("Reference", 380)], 70)
    body = [
        words([("Glucose", 40), ("5.6", 200), ("mmol/L", 300), ("3.9-6.1", 380)], 95 + 14 * i)
        for i in range(3)
    ]
    page = Page(1, 595, 842, "scanned", words=header + [w for row in body for w in row])
    lines = cluster_lines(page.words)
    regions = PageRegionBoxes.of([("text", (40, 60, 550, 79)), ("table", (40, 90, 550, 400))])
    got = page_tables(page, lines, [], 0, regions)
    assert len(got.rows) == 3
    assert [t.layout.source for t in got.open_tables] == ["header"]  # read under its header


def test_the_body_under_a_header_the_model_took_for_prose_is_kept_with_it():
    """A table whose header and rows the model put in one prose region, under a real table:
    the header says it is a table, so its region's lines below it may be rows."""
    header = cluster_lines(
        [
            Word(text, x0, 450, x0 + 6 * len(text), 458, 1, size=9)
            for text, x0 in [("Test", 40), ("Result", 200), ("Units", 300)]
        ]
    )[0]
    above = line("Some prose above the header", 40, 430)
    row = line("Urea 41 mg/dL", 40, 470)
    outside = line("a note in another prose region", 40, 700)
    regions = PageRegionBoxes.of(
        [
            ("table", (40, 80, 550, 400)),
            ("text", (40, 420, 550, 500)),
            ("text", (40, 690, 550, 720)),
        ]
    )
    lines = [above, header, row, outside]
    assert table_lines(lines, regions, headers={1}) == [header, row]
    assert table_lines(lines, regions) == []  # no header read: the region stays prose
