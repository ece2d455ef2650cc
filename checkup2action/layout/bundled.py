"""ONNX models shipped inside other packages' wheels, found by path and checked by hash.

The layout models come from wheels on PyPI (nothing is downloaded at run time). The packages
that carry them are never imported: their code is not used, only the model file, which must be
byte for byte the one our pre- and post-processing were checked with (its sha256).
"""

from __future__ import annotations

import functools
import importlib.util
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from checkup2action.errors import EngineNotAvailableError
from checkup2action.fileio import sha256_of


def package_dir(package: str) -> Path | None:
    """Folder of an installed top-level package, found without importing it (None: absent)."""
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


@functools.lru_cache(maxsize=8)
def file_sha256(path: Path) -> str:
    """``fileio.sha256_of``, cached: model files do not change under a running process."""
    return sha256_of(path)


def bundled_model(sources: Sequence[tuple[str, str]], sha256: str, hint: str) -> Path:
    """The first model file of ``sources`` ((package, path inside it), in order of preference)
    that is installed and has the given sha256; EngineNotAvailableError with ``hint`` if none."""
    seen = []
    for package, inside in sources:
        folder = package_dir(package)
        if folder is None:
            continue
        path = folder / inside
        if not path.is_file():
            seen.append(f"{path} is missing")
        elif file_sha256(path) != sha256:
            seen.append(f"{path} is another model (sha256 {file_sha256(path)[:12]}…)")
        else:
            return path
    found = "; ".join(seen) if seen else f"none of {', '.join(p for p, _ in sources)} is installed"
    raise EngineNotAvailableError(
        f"the model is not installed ({found}; models are never downloaded at run time); {hint}"
    )


def cpu_session(model: Path, threads: int, hint: str) -> Any:
    """An ONNX Runtime session on a model file, on the CPU: explicit threads, no memory arena,
    workers that block rather than spin between runs, quiet logs; EngineNotAvailableError with
    ``hint`` without ONNX Runtime."""
    try:
        import onnxruntime as ort
    except ImportError as exc:
        raise EngineNotAvailableError(f"onnxruntime is not installed; {hint}") from exc
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = max(1, min(threads, os.cpu_count() or 1))
    opts.inter_op_num_threads = 1
    opts.enable_cpu_mem_arena = False
    opts.log_severity_level = 3
    opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return ort.InferenceSession(str(model), sess_options=opts, providers=["CPUExecutionProvider"])
