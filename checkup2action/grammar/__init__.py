"""The value / unit / range / flag grammar and the analyte catalogue, shared by every stage.

Tables use it to weigh readings by content; normalize uses it to build results. It imports no
stage, so any stage may import it.
"""
