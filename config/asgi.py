"""ASGI entry point, for an ASGI server in place of gunicorn (none is used today; see config/wsgi.py).

Like the WSGI one it starts nothing: with DATABASE_URL unset, start the embedded PostgreSQL first
(archive.embedded_db.start_unless_configured, as gunicorn.conf.py does)."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("ARCHIVE_SERVING_WEB", "1")  # web requests get a statement timeout (settings)

application = get_asgi_application()
