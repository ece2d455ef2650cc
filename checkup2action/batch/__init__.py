"""Batches: every document in an isolated worker (local processes or Ray) with time and memory
limits, one status line per input, resumable (``run.run_batch``)."""

from checkup2action.batch.run import BatchEvent, BatchOptions, BatchSummary, run_batch

__all__ = ["BatchEvent", "BatchOptions", "BatchSummary", "run_batch"]
