"""WSGI entry point, served by gunicorn (see gunicorn.conf.py, which starts the embedded PostgreSQL)."""

import gc
import os
from importlib import import_module

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("ARCHIVE_SERVING_WEB", "1")  # web requests get a statement timeout (settings)

application = get_wsgi_application()

# gunicorn loads this module in its master (preload_app) and forks the workers from it: the URLconf,
# and with it every view and the admin's pages, imported here once rather than by each worker at its
# first request (about 0.25 CPU-s a worker, and that first request's wait).
import_module(settings.ROOT_URLCONF)
gc.freeze()  # and kept out of the collector's passes, as ArchiveConfig.ready() keeps the rest
