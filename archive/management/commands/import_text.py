from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive.core.parser import ParseError, decode
from archive.services.importer import PieceMetadata, import_source, parse


class Command(BaseCommand):
    help = (
        "Import pieces from text files copied from a browser. Each file is one transaction: "
        "on an error nothing from that file is written. Importing the same text again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
        parser.add_argument("--title", default="", help="Title, when the text has none (marked as supplied).")
        parser.add_argument("--date", default="", help="2023-04-04, 2023-04 or 2023; omit when unknown.")
        parser.add_argument(
            "--date-approximate", action="store_true", help="The date is inferred, not printed."
        )
        parser.add_argument("--date-note", default="", help="How the date is known.")
        parser.add_argument("--author", action="append", default=[], help="Author (repeat for several).")
        parser.add_argument("--publication", default="")
        parser.add_argument("--url", default="", help="The source URL.")
        parser.add_argument(
            "--status",
            choices=["draft", "published"],
            help="A new piece is a draft unless told; an update keeps its status unless told.",
        )
        parser.add_argument(
            "--listing", action="store_true", help="The text is a listing page of several posts."
        )
        parser.add_argument(
            "--post-title",
            action="append",
            default=[],
            help="A post title on a listing page (repeat, in order).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would be imported; write nothing."
        )

    def handle(self, *args, **options):
        metadata = PieceMetadata(
            title=options["title"],
            published=options["date"],
            date_approximate=options["date_approximate"],
            date_note=options["date_note"],
            authors=options["author"],
            publication=options["publication"],
            source_url=options["url"],
            status=options["status"] or "",
        )
        posts = [PieceMetadata(title=title) for title in options["post_title"]] or None
        listing = True if options["listing"] or posts else None
        failures = 0
        for path in options["files"]:
            try:
                text, warnings = decode(path.read_bytes())
                if options["dry_run"]:
                    self._show(path, parse(text, metadata, listing=listing, posts=posts))
                    continue
                report = import_source(text, metadata, listing=listing, posts=posts)
            except OSError as error:
                failures += 1
                self.stderr.write(self.style.ERROR(f"{path}: cannot read it ({error.strerror})."))
                continue
            except ParseError as error:
                failures += 1
                self.stderr.write(self.style.ERROR(f"{path}: not imported, nothing written. {error}"))
                continue
            self.stdout.write(f"{path}:")
            for warning in warnings:
                self.stdout.write(self.style.WARNING(f"  warning: {warning}"))
            for outcome in report.outcomes:
                self.stdout.write(f"  {outcome.describe()} {outcome.article.get_absolute_url()}")
                for warning in outcome.warnings:
                    self.stdout.write(self.style.WARNING(f"    warning: {warning}"))
        if failures:
            raise CommandError(f"{failures} of {len(options['files'])} files were not imported.")

    def _show(self, path, parsed):
        self.stdout.write(f"{path}: {len(parsed.pieces)} piece(s) (dry run, nothing written)")
        for piece in parsed.pieces:
            self.stdout.write(
                f"  “{piece.title or '(no title)'}”: {len(piece.blocks)} blocks, "
                f"{len(piece.comments)} comments, {len(piece.pull_quotes)} pull quotes"
            )
            for warning in piece.warnings:
                self.stdout.write(self.style.WARNING(f"    warning: {warning}"))
