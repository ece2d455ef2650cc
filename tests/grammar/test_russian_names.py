"""Russian-language reports (Russia, Kazakhstan, Ukraine, Belarus, Central Asia): analyte
names, header words and result words from the data files (``analyte_names.yaml``,
``header_roles.yaml``, ``words.yaml``)."""

from __future__ import annotations

import pytest

from checkup2action.grammar.catalogue import Catalogue, load_catalogue
from checkup2action.grammar.flags import parse_flag
from checkup2action.grammar.ranges import parse_range
from checkup2action.grammar.values import normalize_qualitative
from checkup2action.ingestion.document import Word
from checkup2action.layout.lines import cluster_lines
from checkup2action.tables.detect import header_cells
from checkup2action.tables.roles import Role, role_of_header


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    """The bundled catalogue."""
    return load_catalogue()


RUSSIAN_NAMES = [
    # complete blood count, as Russian forms print it
    ("Гемоглобин", "HGB"),
    ("Лейкоциты", "WBC"),
    ("Эритроциты", "RBC"),
    ("Тромбоциты", "PLT"),
    ("Гематокрит", "HCT"),
    ("Нейтрофилы, %", "NEUT_PCT"),
    ("Лимфоциты, абс.", "LYMPH_ABS"),
    ("Палочкоядерные нейтрофилы", "BAND_PCT"),
    ("СОЭ", "ESR"),
    ("Скорость оседания эритроцитов (СОЭ)", "ESR"),
    # biochemistry
    ("Общий белок", "TP"),
    ("общий белок в сыворотке крови", "TP"),
    ("Альбумин", "ALB"),
    ("Креатинин", "CREA"),
    ("креатинин в крови", "CREA"),
    ("Мочевина", "UREA"),
    ("Мочевая кислота", "UA"),
    ("Глюкоза", "GLU"),
    ("Билирубин прямой", "DBIL"),
    ("Аланинаминотрансфераза (АЛТ)", "ALT"),
    ("АЛаТ", "ALT"),
    ("АСТ", "AST"),
    ("ГГТ", "GGT"),
    ("Щелочная фосфатаза", "ALP"),
    ("ЛДГ", "LDH"),
    ("Холестерин общий", "TC"),
    ("Холестерин ЛПВП", "HDL_C"),
    ("Коэффициент атерогенности", "ATHERO_INDEX"),
    ("Триглицериды", "TG"),
    ("Калий", "K"),
    ("Натрий", "NA"),
    ("Ионизированный кальций", "CA_ION"),
    ("Ферритин", "FERR"),
    ("ОЖСС", "TIBC"),
    ("Витамин B12", "VITB12"),
    ("Гликированный гемоглобин (HbA1c)", "HBA1C"),
    # hormones, proteins of inflammation, coagulation
    ("ТТГ", "TSH"),
    ("Т4 свободный", "FT4"),
    ("Антитела к ТПО", "TPOAB"),
    ("СРБ", "CRP"),
    ("С-реактивный белок", "CRP"),
    ("АСЛО", "ASO"),
    ("С3", "C3"),  # Cyrillic С, as the Kazakh lab's text layer prints it
    ("С4", "C4"),
    ("ПСА общий", "TPSA"),
    ("МНО", "INR"),
    ("АЧТВ", "APTT"),
    ("ПТИ", "PTA"),
    ("Фибриноген", "FIB"),
    ("D-димер", "DDIMER"),
    # urinalysis: names that carry their specimen word, or never name a blood analyte
    ("Белок в моче", "U_PRO"),
    ("Удельный вес", "U_SG"),
    ("Кетоновые тела", "U_KET"),
]


@pytest.mark.parametrize(("name", "code"), RUSSIAN_NAMES)
def test_russian_names_map_to_their_analytes(cat: Catalogue, name: str, code: str) -> None:
    hit = cat.match(name)
    assert hit is not None, name
    assert hit.code == code


def test_a_bare_blood_word_stays_with_the_blood_analyte(cat: Catalogue) -> None:
    """Blood analytes own the bare words; the urine names carry 'в моче'."""
    assert cat.match("Глюкоза").code == "GLU"
    assert cat.match("Глюкоза в моче").code == "U_GLU"
    assert cat.match("Лейкоциты в моче").code == "U_WBC"


def line_of(*cells: tuple[str, float]):
    """A text line from (text, x0) pairs, each word 8 pt per character."""
    words = [Word(t, x, 100, x + 8 * len(t), 110, 1, size=10) for t, x in cells]
    return cluster_lines(words)[0]


def test_a_russian_header_line_is_recognised() -> None:
    cells = header_cells(
        line_of(
            ("Показатель", 40),
            ("Результат", 200),
            ("Ед.", 290),
            ("изм.", 318),
            ("Референсные", 400),
            ("значения", 500),
        )
    )
    assert cells is not None
    assert [c.role for c in cells] == [Role.NAME, Role.VALUE, Role.UNIT, Role.RANGE]


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Исследование", Role.NAME),
        ("Компонент", Role.NAME),
        ("Результат", Role.VALUE),
        ("Единицы измерения", Role.UNIT),
        ("Реф. интервал", Role.RANGE),
        ("Референтные значения", Role.RANGE),
        ("Норма", Role.RANGE),
        ("Отклонение", Role.FLAG),
        ("Предыдущий результат", Role.PREVIOUS),
        ("Метод", Role.METHOD),
        ("Комментарии", Role.OTHER),
    ],
)
def test_russian_header_words(text: str, role: Role) -> None:
    assert role_of_header(text) is role


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("до 5,0", None, 5.0),
        ("менее 5,0", None, 5.0),
        ("не более 10", None, 10.0),
        ("ниже 166", None, 166.0),
        ("более 60", 60.0, None),
        ("не менее 1,0", 1.0, None),
        ("от 3,5 до 5,0", 3.5, 5.0),
    ],
)
def test_russian_range_words(text: str, low: float | None, high: float | None) -> None:
    rng = parse_range(text)
    assert rng is not None
    assert (rng.low, rng.high) == (low, high)


@pytest.mark.parametrize(
    ("text", "meaning"),
    [
        ("Отрицательно", "negative"),
        ("не обнаружено", "negative"),
        ("Положительный", "positive"),
        ("следы", "trace"),
        ("в норме", "normal"),
    ],
)
def test_russian_qualitative_words(text: str, meaning: str) -> None:
    assert normalize_qualitative(text) == meaning


@pytest.mark.parametrize(
    ("text", "flag"), [("Выше нормы", "H"), ("Ниже нормы", "L"), ("повышен", "H")]
)
def test_russian_flag_words(text: str, flag: str) -> None:
    assert parse_flag(text) == flag


@pytest.mark.parametrize(
    ("printed", "ucum"),
    [("г/л", "g/L"), ("ммоль/л", "mmol/L"), ("мкмоль/л", "umol/L"), ("Ед/л", "U/L"),
     ("10^9/л", "10*9/L"), ("10^6/мкл", "10*6/uL"), ("фл", "fL"), ("мм/ч", "mm/h"),
     ("МЕ/л", "[IU]/L")],
)  # fmt: skip
def test_russian_units(printed: str, ucum: str) -> None:
    from checkup2action.grammar.units import normalize_unit

    assert normalize_unit(printed) == ucum


@pytest.mark.parametrize(
    ("printed", "code"),
    [
        ("МСН (ср. содер. НЬ в", "MCH"),  # MCH and Hb read by a Cyrillic recogniser
        ("МСНС (ср. конц. НЬ в", "MCHC"),
        ("Гематокрит, НСТ", "HCT"),
        ("МНО", "INR"),  # the Russian abbreviation itself stays Cyrillic
    ],
)
def test_latin_abbreviations_read_in_cyrillic_look_alikes(
    cat: Catalogue, printed: str, code: str
) -> None:
    hit = cat.match(printed)
    assert hit is not None and hit.code == code


def test_only_whole_capitalised_look_alike_words_are_written_in_latin() -> None:
    from checkup2action.grammar.names import latin_lookalikes

    assert latin_lookalikes("МСН (ср. НЬ)") == "MCH (ср. Hb)"
    assert latin_lookalikes("СОЭ, ТТГ, Т4 свободный") == "СОЭ, ТТГ, Т4 свободный"


@pytest.mark.parametrize(
    ("printed", "code"),
    [
        ("MCH (ср. содер. Hb в эр.)", "MCH"),  # a Latin abbreviation explained in Russian
        ("RDW (шир. распред. эритр)", "RDW_CV"),
        ("MCV (ср. объем эритр.)", "MCV"),
        ("МСУ (ср. объем эритр.)", "MCV"),  # MCV read by a Cyrillic recogniser, V as У
        ("МСН (ср. содер. НЬ в эр.)", "MCH"),
        ("ПТВ", "PT"),
        ("NTB", "PT"),  # ПТВ read by a Latin recogniser
        ("A4TB", "APTT"),  # АЧТВ, its Ч read as 4
    ],
)
def test_abbreviations_across_alphabets(cat: Catalogue, printed: str, code: str) -> None:
    hit = cat.match(printed)
    assert hit is not None and hit.code == code


@pytest.mark.parametrize(
    "printed",
    [
        "GLU (в моче)",  # a gloss naming the specimen is no mere explanation
        "GLU(餐后2小时)",  # a Chinese gloss may say which glucose: left unknown as before
        "Коагулологическое исследование NTB",  # a heading glued to a name
    ],
)
def test_glosses_that_change_the_test_stay_unknown(cat: Catalogue, printed: str) -> None:
    assert cat.match(printed) is None


def test_a_gloss_must_be_mostly_of_another_alphabet() -> None:
    from checkup2action.grammar.names import cyrillic_readings, foreign_gloss

    assert foreign_gloss("ср. содер. Hb в эр.")
    assert not foreign_gloss("Total Iron Binding")
    assert not foreign_gloss("乙肝表面抗原")
    assert not foreign_gloss("Hb в")  # too few letters of the other alphabet
    assert cyrillic_readings("A4TB и MCH") == "АЧТВ и МСН"
    assert cyrillic_readings("Hb") == "Hb"
