"""The local HTTP service and web viewer (``checkup2action serve``; extra ``serve``).

``app.create_app`` is the FastAPI application: uploads go to a job store (``jobs``) and are read
by the batch worker pool (``pool``, the same isolation, timeouts and memory caps as ``batch``);
each worker writes the report, cards, FHIR, CSV and page pictures (``outputs``); ``guards`` keeps
uploads bounded and the service reachable from this machine's own pages only; ``static/`` is the
viewer.
"""
