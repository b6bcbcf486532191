"""WSGI entry point, served by gunicorn (see gunicorn.conf.py, which starts the embedded PostgreSQL)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("ARCHIVE_SERVING_WEB", "1")  # web requests get a statement timeout (settings)

application = get_wsgi_application()
