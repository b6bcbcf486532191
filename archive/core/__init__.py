"""Pure-Python cores: plain functions over text that need no database (parser, tagger, anchoring, ...).

Nothing here imports django.db, archive.models or archive.services (tests/test_code_style.py).
"""
