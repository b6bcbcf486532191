import time

from django.core.management.base import BaseCommand

from archive.search import indexer


class Command(BaseCommand):
    help = "Rebuild the search index from PostgreSQL (the index is derived; this is always safe)."

    def handle(self, *args, **options):
        started = time.monotonic()

        def progress(done: int, total: int) -> None:
            width = 30
            filled = width * done // total if total else width
            elapsed = time.monotonic() - started
            self.stdout.write(
                f"\r[{'#' * filled}{'.' * (width - filled)}] {done:,}/{total:,} documents  {elapsed:.0f} s",
                ending="",
            )
            self.stdout.flush()

        count = indexer.rebuild(progress=progress)
        self.stdout.write("")
        backend = indexer.get_backend()
        self.stdout.write(
            self.style.SUCCESS(
                f"Search index rebuilt: {count:,} documents in {time.monotonic() - started:.1f} s "
                f"at {backend.path}."
            )
        )
