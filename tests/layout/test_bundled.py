"""Model files found in other packages' folders by path, without importing them, checked by hash."""

from __future__ import annotations

import hashlib
import sys

import pytest

from checkup2action.errors import EngineNotAvailableError
from checkup2action.layout.bundled import bundled_model, package_dir

MODEL = b"not really an onnx model"
SHA = hashlib.sha256(MODEL).hexdigest()


@pytest.fixture
def packages(tmp_path, monkeypatch):
    """Two importable packages, c2a_fake_a (its __init__ raises) and c2a_fake_b, on sys.path."""
    for name in ("c2a_fake_a", "c2a_fake_b"):
        (tmp_path / name / "models").mkdir(parents=True)
        (tmp_path / name / "__init__.py").write_text("raise RuntimeError('imported')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield tmp_path
    for name in ("c2a_fake_a", "c2a_fake_b"):
        sys.modules.pop(name, None)


def test_the_first_source_with_the_model_wins_and_nothing_is_imported(packages):
    (packages / "c2a_fake_b" / "models" / "m.onnx").write_bytes(MODEL)
    sources = [("c2a_fake_absent", "models/m.onnx"), ("c2a_fake_a", "models/m.onnx")]
    sources.append(("c2a_fake_b", "models/m.onnx"))
    assert bundled_model(sources, SHA, "hint") == packages / "c2a_fake_b" / "models" / "m.onnx"
    assert "c2a_fake_b" not in sys.modules
    assert package_dir("c2a_fake_absent") is None


def test_another_model_under_the_name_is_refused(packages):
    (packages / "c2a_fake_a" / "models" / "m.onnx").write_bytes(MODEL + b"!")
    with pytest.raises(EngineNotAvailableError, match="another model") as info:
        bundled_model([("c2a_fake_a", "models/m.onnx")], SHA, "install the extra")
    assert info.value.message.endswith("install the extra")


def test_nothing_installed_says_so(packages):
    with pytest.raises(EngineNotAvailableError, match="none of c2a_fake_absent is installed"):
        bundled_model([("c2a_fake_absent", "models/m.onnx")], SHA, "hint")
    with pytest.raises(EngineNotAvailableError, match="is missing"):
        bundled_model([("c2a_fake_a", "models/m.onnx")], SHA, "hint")
