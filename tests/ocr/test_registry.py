"""Engine registry and missing-engine errors (no OCR runs here)."""

from __future__ import annotations

import builtins
from dataclasses import dataclass

import pytest

from checkup2action.errors import EngineNotAvailableError
from checkup2action.ocr import (
    OcrEngine,
    OcrLine,
    PaddleOcrOptions,
    RapidOcrOptions,
    TesseractOptions,
    UnknownEngineError,
    available_engines,
    base,
    create_engine,
    paddle,
    rapid,
    register_engine,
    tesseract,
)


@dataclass(frozen=True, slots=True)
class FakeOptions:
    kind: str = "fake"


class FakeEngine:
    name = "fake"

    def recognize(self, image: object) -> list[OcrLine]:
        return [OcrLine.from_box("x", (0, 0, 1, 1), 1.0)]


@pytest.fixture
def clean_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let a test register engines without leaking them to other tests."""
    monkeypatch.setattr(base, "_REGISTRY", dict(base._REGISTRY))


def block_import(monkeypatch: pytest.MonkeyPatch, *names: str) -> None:
    """Make ``import name`` fail as if the package were not installed."""
    real_import = builtins.__import__

    def fake_import(name: str, *args: object, **kwargs: object) -> object:
        if name.split(".")[0] in names:
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", fake_import)


def test_builtin_engines_registered() -> None:
    assert {"rapidocr", "tesseract", "paddleocr"} <= set(available_engines())
    assert available_engines() == sorted(available_engines())


def test_unknown_kind_lists_known_kinds() -> None:
    with pytest.raises(UnknownEngineError) as info:
        create_engine(FakeOptions(kind="nope"))
    message = str(info.value)
    assert "'nope'" in message
    for kind in ("paddleocr", "rapidocr", "tesseract"):
        assert kind in message
    assert isinstance(info.value, EngineNotAvailableError)


def test_register_and_create(clean_registry: None) -> None:
    register_engine("fake", lambda options: FakeEngine())
    engine = create_engine(FakeOptions())
    assert isinstance(engine, OcrEngine)
    assert engine.recognize(None)[0].text == "x"  # type: ignore[arg-type]
    assert "fake" in available_engines()


def test_register_rejects_empty_kind(clean_registry: None) -> None:
    with pytest.raises(ValueError):
        register_engine("", lambda options: FakeEngine())


def test_options_kinds() -> None:
    assert RapidOcrOptions().kind == "rapidocr"
    assert TesseractOptions().kind == "tesseract"
    assert PaddleOcrOptions().kind == "paddleocr"


def test_rapid_defaults() -> None:
    opts = RapidOcrOptions()
    assert opts.use_angle_cls is False
    assert opts.det_limit_side == 1600
    assert 1 <= opts.threads <= 2
    assert hash(opts) == hash(RapidOcrOptions())  # usable as a cache key


def test_rapid_missing_gives_install_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    rapid.clear_cache()
    block_import(monkeypatch, "rapidocr")
    with pytest.raises(EngineNotAvailableError) as info:
        create_engine(RapidOcrOptions(det_limit_side=1599))
    assert "install the extra: pip install 'checkup2action[ocr]'" in str(info.value)
    assert info.value.code == "ENGINE_NOT_AVAILABLE"


def test_rapid_missing_onnxruntime(monkeypatch: pytest.MonkeyPatch) -> None:
    rapid.clear_cache()
    block_import(monkeypatch, "onnxruntime")
    with pytest.raises(EngineNotAvailableError, match=r"checkup2action\[ocr\]"):
        create_engine(RapidOcrOptions(det_limit_side=1598))


def test_tesseract_missing_gives_install_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    tesseract._cached_engine.cache_clear()
    block_import(monkeypatch, "pytesseract")
    with pytest.raises(EngineNotAvailableError) as info:
        create_engine(TesseractOptions())
    assert "install pytesseract and Debian's tesseract-ocr + tesseract-ocr-chi-sim" in str(
        info.value
    )


def test_tesseract_missing_binary_or_language() -> None:
    class NoBinary:
        def get_languages(self, config: str = "") -> list[str]:
            raise OSError("tesseract is not installed or it's not in your PATH")

    class OnlyEnglish:
        def get_languages(self, config: str = "") -> list[str]:
            return ["eng", "osd"]

    with pytest.raises(EngineNotAvailableError, match="tesseract-ocr-chi-sim"):
        tesseract.check_installation(NoBinary(), "chi_sim+eng")
    with pytest.raises(EngineNotAvailableError, match="missing: chi_sim"):
        tesseract.check_installation(OnlyEnglish(), "chi_sim+eng")
    tesseract.check_installation(OnlyEnglish(), "eng")


def test_paddle_needs_local_models(tmp_path: object) -> None:
    with pytest.raises(EngineNotAvailableError, match="PaddleOCR needs local models"):
        create_engine(PaddleOcrOptions())
    with pytest.raises(EngineNotAvailableError, match="not found"):
        create_engine(PaddleOcrOptions(model_dir=str(tmp_path)))


def test_paddle_missing_package(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    from pathlib import Path

    root = Path(str(tmp_path))
    (root / "det").mkdir()
    (root / "rec").mkdir()
    block_import(monkeypatch, "paddleocr")
    with pytest.raises(EngineNotAvailableError, match="paddleocr is not installed"):
        paddle.create_paddle_engine(PaddleOcrOptions(model_dir=str(root)))


def test_paddle_result_to_lines() -> None:
    result = {
        "rec_texts": ["WBC 6.5", " "],
        "rec_scores": [0.9, 0.1],
        "rec_polys": [[[10, 20], [110, 20], [110, 40], [10, 40]], [[0, 0], [1, 0], [1, 1], [0, 1]]],
    }
    lines = paddle.result_to_lines(result)
    assert [line.text for line in lines] == ["WBC 6.5"]
    assert lines[0].box == (10.0, 20.0, 110.0, 40.0)
