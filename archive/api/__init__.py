"""The read-only JSON API (/api/...): documented for readers at /api/ (templates/archive/api_docs.html)."""
