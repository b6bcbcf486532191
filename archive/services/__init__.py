"""Django-aware operations: importing, tagging, quotes, the seed archive, merging and the like.

They use the models and the pure cores (archive.core); views, the API, the admin and the
management commands call them. Nothing here imports a view (tests/test_code_style.py).
"""
