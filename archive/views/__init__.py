"""The reader pages, one module for each kind of page; what they share is in archive.views.shared.

No module here imports another one of them except archive.views.shared (tests/test_code_style.py).
"""
