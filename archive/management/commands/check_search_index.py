from django.core.management.base import BaseCommand, CommandError

from archive.search import consistency, indexer


class Command(BaseCommand):
    help = "Compare the search index with PostgreSQL and report every difference."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=20, help="Differences listed (all are counted).")

    def handle(self, *args, **options):
        report = consistency.compare(indexer.get_backend())
        self.stdout.write(f"Documents in PostgreSQL: {report.expected:,}; in the index: {report.indexed:,}.")
        if report.pending:
            self.stdout.write(f"Changes queued in the outbox, not yet applied: {report.pending:,}.")
        for label, keys in (
            ("missing from the index", report.missing),
            ("in the index but not in PostgreSQL", report.extra),
            ("indexed with other values than PostgreSQL has", report.stale),
        ):
            if keys:
                shown = ", ".join(f"{kind} {pk}" for kind, pk in keys[: options["limit"]])
                self.stdout.write(
                    f"{len(keys):,} {label}: {shown}{' …' if len(keys) > options['limit'] else ''}"
                )
        if not report.consistent:
            raise CommandError(
                "The search index differs from the database: run `manage.py rebuild_search_index`."
            )
        self.stdout.write(self.style.SUCCESS("The search index matches the database."))
