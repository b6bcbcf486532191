import logging
import signal

from django.core.management.base import BaseCommand

from archive.search import indexer


class Command(BaseCommand):
    help = (
        "Keep the search index in step with the database: apply the outbox as changes are committed "
        "(builds the index first if there is none). One indexer writes at a time."
    )
    # No system checks at its start: it runs beside gunicorn (started by gunicorn.conf.py, and again
    # whenever it exits), which runs none either, and they load every URL, view and admin page, which
    # the indexer never uses (about 0.3 CPU-s of its start). `manage.py check` runs them all.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Apply what is queued, then stop.")

    def handle(self, *args, **options):
        handler = logging.StreamHandler(self.stderr._out)
        handler.setFormatter(logging.Formatter("[%(asctime)s] [search indexer] %(message)s"))
        log = logging.getLogger("archive.search.indexer")
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        log.propagate = False
        if options["once"]:
            applied = indexer.apply_pending()
            self.stdout.write(f"Search index: {applied:,} queued changes applied.")
            return
        stopping = []
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stopping.append(True))
        indexer.run_forever(stop=lambda: bool(stopping))
