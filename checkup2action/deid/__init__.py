"""De-identification: find identifiers in text and keep them out of every output."""
