"""The viewer at ``/`` in a real browser (Debian's chromium driven by Playwright) against a real
``checkup2action serve``: upload through the page, wait for the table, follow a row to its box and
a box to its row, open the Action Cards, read a Chinese report with Chinese labels, show a failed
document's error. Saves screenshots in ``tests/artifacts/`` (not committed: they show the run's
times; ``docs/viewer.png``, the README's, is a copy of one).

Skipped, saying how to install what is missing, without chromium or the playwright package."""

from __future__ import annotations

import importlib.util
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.service.conftest import SAMPLES
from tests.service.live import running_service

try:
    from playwright.sync_api import Browser, Page, expect, sync_playwright
except ImportError:  # pragma: no cover - depends on the environment
    sync_playwright = None

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ABNORMAL = {"H", "L", "HH", "LL", "A"}
SELECTED = re.compile(r"\bselected\b")
#: A laptop screen.
VIEWPORT = {"width": 1440, "height": 900}


def _font_config(folder: Path) -> dict[str, str]:
    """Environment that lets chromium find the CJK font of the ``samples`` extra (Noto Sans CJK,
    from ``cvttf-notosanscjk-regular``) beside the system's fonts, so the Chinese screenshot
    shows characters on machines without a CJK font. Empty when that package is absent."""
    spec = importlib.util.find_spec("cvttf_NotoSansCJK_Regular")
    if spec is None or not spec.origin or not Path("/etc/fonts/fonts.conf").is_file():
        return {}
    conf = folder / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"  <dir>{Path(spec.origin).parent}</dir>\n"
        f"  <cachedir>{folder / 'fontcache'}</cachedir>\n"
        "</fontconfig>\n",
        encoding="utf-8",
    )
    return {"FONTCONFIG_FILE": str(conf)}


#: Set (as CI does) to make a missing browser a failure rather than a skip.
REQUIRE_VARIABLE = "C2A_REQUIRE_BROWSER"


def _missing(reason: str) -> None:
    """Skip for want of the browser, or fail where it is required."""
    if os.environ.get(REQUIRE_VARIABLE):
        pytest.fail(f"{reason} ({REQUIRE_VARIABLE} is set)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    """Debian's chromium, headless, started by Playwright (its own browsers are not used)."""
    if sync_playwright is None:
        _missing(
            "the browser test needs the playwright package: pip install playwright "
            "(it drives the system's chromium; `playwright install` is not needed)"
        )
    if not CHROMIUM.is_file():
        _missing(f"the browser test needs chromium at {CHROMIUM}: apt-get install chromium")
    env = {**os.environ, **_font_config(tmp_path_factory.mktemp("fonts"))}
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=LAUNCH_ARGS, env=env
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def service(browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``checkup2action serve`` with one worker on a free loopback port (after the browser, so
    a skipped browser starts no service)."""
    pytest.importorskip("uvicorn", reason="the service needs its extra: pip install '.[serve]'")
    with running_service(tmp_path_factory.mktemp("serve"), workers=1) as base:
        yield base


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh page on a laptop-sized screen, in English, with reduced motion (scrolling and
    highlights happen at once, so what is in view is settled when checked). Fails the test on a
    script error or on anything the Content-Security-Policy refused."""
    context = browser.new_context(viewport=VIEWPORT, locale="en-US", reduced_motion="reduce")
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.on(
        "console",
        lambda message: (
            problems.append(f"console: {message.text}")
            if "Content Security Policy" in message.text or "Refused to" in message.text
            else None
        ),
    )
    try:
        yield page
    finally:
        context.close()
    assert not problems, problems


def _upload(page: Page, base: str, sample: Path) -> Any:
    """Open the viewer, upload ``sample`` through its file input, wait for the result table."""
    page.goto(f"{base}/")
    expect(page.locator("#upload-view")).to_be_visible()
    page.set_input_files("#file-input", str(sample))
    expect(page.locator("#progress-view")).to_be_visible()
    rows = page.locator("#results-table tbody tr")
    expect(rows.first).to_be_visible(timeout=45_000)
    expect(page.locator("#progress-view")).to_be_hidden()
    return rows


def _screenshot(page: Page, name: str) -> None:
    """A full-page screenshot in tests/artifacts once the page pictures have loaded."""
    page.wait_for_function(
        "() => [...document.querySelectorAll('.page img[loading=eager]')]"
        ".every((img) => img.complete && img.naturalWidth > 0)"
    )
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True, animations="disabled")


def test_viewer_reads_a_report_and_links_rows_and_boxes(page: Page, service: str) -> None:
    rows = _upload(page, service, SAMPLES / "en_us_lab_28.pdf")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    # Every result is a row (this sample has 45), abnormal ones first.
    assert rows.count() >= 40
    flags = rows.evaluate_all("(rows) => rows.map((row) => row.dataset.flag)")
    assert all(flag in ABNORMAL for flag in flags[:3]), flags[:3]
    first_normal = next(i for i, flag in enumerate(flags) if flag not in ABNORMAL)
    assert not ABNORMAL & set(flags[first_normal:]), "an abnormal result after a normal one"
    assert page.locator(".box").count() >= 40
    expect(page.locator(".page img")).to_have_count(2)

    # A row selects its box (exactly one), scrolled into view.
    first = rows.first
    first.click()
    selected = page.locator(".box.selected")
    expect(selected).to_have_count(1)
    expect(selected).to_be_in_viewport()
    expect(first).to_have_class(SELECTED)
    assert selected.get_attribute("data-result-id") == first.get_attribute("data-result-id")
    expect(page.locator("#result-detail")).to_be_visible()

    # A result printed on page 2: the page pane scrolls there.
    on_page_2 = page.locator('#results-table tbody tr[data-page="2"]').first
    on_page_2.click()
    expect(selected).to_have_count(1)
    expect(selected).to_have_attribute("data-page", "2")
    expect(selected).to_be_in_viewport()

    # The reverse: a box selects its row, scrolled into view and focused.
    box = page.locator("#page-1 .box:not(.derived)").nth(3)
    result_id = box.get_attribute("data-result-id")
    box.click()
    row = page.locator(f'#results-table tbody tr[data-result-id="{result_id}"]')
    expect(row).to_have_class(SELECTED)
    expect(row).to_be_in_viewport()
    expect(row).to_be_focused()
    expect(page.locator("#results-table tbody tr.selected")).to_have_count(1)
    expect(selected).to_have_count(1)

    # The keyboard: the arrow moves the selection to the next row; Enter selects.
    page.keyboard.press("ArrowDown")
    following = page.locator("#results-table tbody tr.selected")
    expect(following).to_have_count(1)
    assert following.get_attribute("data-result-id") != result_id
    expect(following).to_be_focused()
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Enter")
    expect(row).to_have_class(SELECTED)

    # The report's warning names its row; its link selects it.
    warning = page.locator("#warning-list .warning-item").first
    expect(warning).to_contain_text("CRITICAL_VALUE")
    named = warning.get_attribute("data-result-id")
    assert named
    expect(page.locator(f'tr[data-result-id="{named}"] .warn-marker')).to_have_count(1)
    warning.locator("button").click()
    expect(page.locator(f'tr[data-result-id="{named}"]')).to_have_class(SELECTED)

    # Sorting by name puts the rows in another order; the flag column sorts abnormal first again.
    ids = "(rows) => rows.map((row) => row.dataset.resultId)"
    abnormal_first = rows.evaluate_all(ids)
    page.click('#results-table .sort[data-sort="name"]')
    expect(page.locator('#results-table th:has(.sort[data-sort="name"])')).to_have_attribute(
        "aria-sort", "ascending"
    )
    by_name = rows.evaluate_all(ids)
    assert sorted(by_name) == sorted(abnormal_first) and by_name != abnormal_first
    page.click('#results-table .sort[data-sort="flag"]')
    assert rows.evaluate_all(ids) == abnormal_first

    # The Action Cards tab; a card's evidence leads to its box.
    page.click("#tab-cards")
    cards = page.locator("#panel-cards .action-card")
    expect(cards.first).to_be_visible()
    assert cards.count() >= 1
    cards.first.locator(".evidence-chip").first.click()
    expect(page.locator(".box.selected").first).to_be_in_viewport()
    expect(page.locator("#tab-vitals")).to_contain_text("Vitals")

    # Downloads: JSON, CSV and FHIR answer from the service.
    for link, kind in (
        ("#download-json", "json"),
        ("#download-csv", "csv"),
        ("#download-fhir", "json"),
    ):
        href = page.locator(link).get_attribute("href")
        assert href and href.startswith("/v1/reports/")
        answer = page.request.get(f"{service}{href}")
        assert answer.ok and kind in answer.headers["content-type"], (link, answer.status)

    # The picture of the README: the results with the first (most abnormal) row selected.
    page.click("#tab-results")
    rows.first.click()
    expect(page.locator(".box.selected")).to_be_in_viewport()
    _screenshot(page, "viewer.png")

    # A new upload starts over.
    page.click("#new-upload")
    expect(page.locator("#upload-view")).to_be_visible()
    expect(page.locator("#result-view")).to_be_hidden()


def test_viewer_labels_a_chinese_report_in_chinese(page: Page, service: str) -> None:
    page.goto(f"{service}/")
    expect(page.locator("#choose-file")).to_have_text("Choose a file")
    rows = _upload(page, service, SAMPLES / "zh_ruled_37.pdf")
    assert rows.count() >= 10

    # The report is Chinese: so are the labels (the browser asked for English).
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
    expect(page.locator("#tab-results")).to_contain_text("检验结果")
    expect(page.locator("#tab-cards")).to_contain_text("行动卡片")
    expect(page.locator("#results-table thead")).to_contain_text("参考范围")
    expect(page.locator("#new-upload")).to_contain_text("上传新报告")
    expect(rows.first.locator(".flag-pill")).to_contain_text(re.compile("偏高|偏低|危急"))
    expect(rows.first.locator(".c-name .name")).to_contain_text(re.compile("[\u4e00-\u9fff]"))

    rows.first.click()
    expect(page.locator(".box.selected")).to_have_count(1)
    expect(page.locator(".box.selected")).to_be_in_viewport()

    page.click("#tab-cards")
    card = page.locator("#panel-cards .action-card").first
    expect(card).to_be_visible()
    expect(card.locator(".priority")).to_have_text(re.compile("尽快就医|近期就诊|常规随访"))
    expect(card.locator(".card-dept")).to_contain_text("建议科室")

    page.click("#tab-results")
    rows.first.click()
    _screenshot(page, "viewer-zh.png")

    # The language picker overrides the report's language.
    page.select_option("#lang-select", "en")
    expect(page.locator("#tab-results")).to_contain_text("Results")
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_viewer_shows_why_a_document_failed(page: Page, service: str, tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\nthis is no PDF body\n")
    page.goto(f"{service}/")
    page.set_input_files("#file-input", str(broken))
    error = page.locator("#job-error")
    expect(error).to_be_visible(timeout=45_000)
    expect(page.locator("#job-error-code")).to_have_text("CORRUPT_DOCUMENT")
    expect(page.locator("#job-error-message")).not_to_be_empty()

    # An upload the service refuses outright (not a document) says so on the upload view.
    page.click("#retry-upload")
    expect(page.locator("#upload-view")).to_be_visible()
    text = tmp_path / "notes.txt"
    text.write_text("not a report\n", encoding="utf-8")
    page.set_input_files("#file-input", str(text))
    expect(page.locator("#upload-error")).to_be_visible()
    expect(page.locator("#upload-error-code")).to_have_text("NOT_A_DOCUMENT")
