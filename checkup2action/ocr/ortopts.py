"""ONNX Runtime sessions without spin-waiting worker threads.

ONNX Runtime's intra-op worker threads spin for a while after each run, waiting for the next one.
The pipeline makes hundreds of short runs per page (recognition batches of a few narrow crops).
When another process shares the 2 cores, spinning workers and descheduled ones stall those runs:
on 12 photos with another process keeping about one core busy, the pipeline took 54 s instead of
74 s with the sessions made here (plain RapidOCR, spinning, about 90 s both times); readings are
the same. :func:`no_spinning` makes the sessions that RapidOCR creates inside it block instead of
spinning (``session.intra_op.allow_spinning=0``); their other settings are theirs. The layout
model's session (``layout.cdla``) is made by our own code with the same setting.

Tried and left out (2026-12-05): ONNX Runtime's CPU memory arena, which RapidOCR turns off. For
the recogniser alone (many input widths) it made the 71 real photos 3-5% faster (114.6 s against
120.7 s, read in turns document by document; 114.3 s against 117.8 s in two processes), with the
same results, but the process's peak memory grew from about 1.3 GB to 1.6 GB (the batch's default
cap per worker is 2 GB). For the detector it held about 650 MB more; for the layout model it was
no faster.

Tried and left out (2026-12-05): an int8 detector. ONNX Runtime's static quantisation (QDQ, per
channel, Conv only, calibrated on the generator's photos and scans, the first convolution and the
head left in float) makes the detector about twice as fast on this CPU (2.3 s against 4.5 s for 11
real photos' detection inputs); 10 of the float model's 1,136 text regions on them are not found
again (overlap 0.7). Small as that is, it costs results: on the real corpus recall fell from 0.961
to 0.955, printed flags caught from 0.986 to 0.978 (detached arrows read into the value, ``67.91``
for ``67.9 ↑``) and one photo gave no result at all; quantising every convolution was worse (flags
0.969). The recogniser quantised the same way was no faster and read 11% of 1,192 lines
differently.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

SPIN_KEY = "session.intra_op.allow_spinning"


def _without_spinning(make_options: Any) -> Any:
    """A ``_init_sess_opts`` that adds ``allow_spinning=0`` to the options it makes."""

    def wrapped(cfg: Any) -> Any:
        options = make_options(cfg)
        options.add_session_config_entry(SPIN_KEY, "0")
        return options

    return staticmethod(wrapped)


@contextlib.contextmanager
def no_spinning(*session_classes: Any) -> Iterator[None]:
    """Within the block, the given ``OrtInferSession`` classes build non-spinning sessions."""
    saved = [(cls, cls.__dict__["_init_sess_opts"]) for cls in session_classes]
    try:
        for cls, original in saved:
            cls._init_sess_opts = _without_spinning(original.__func__)
        yield
    finally:
        for cls, original in saved:
            cls._init_sess_opts = original
