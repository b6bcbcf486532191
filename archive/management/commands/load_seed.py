from django.core.management.base import BaseCommand

from archive.services.seed import load_seed


class Command(BaseCommand):
    help = "Load the seed archive from fixtures/ (idempotent: run it as often as you like)."

    def handle(self, *args, **options):
        report = load_seed()
        self.stdout.write(
            f"Taxonomy: {report.organisations_created} organisations and "
            f"{report.terms_created} policy terms created."
        )
        for outcome in report.outcomes:
            self.stdout.write(f"  {outcome.describe()}")
        changed = sum(outcome.action != "unchanged" for outcome in report.outcomes)
        self.stdout.write(
            self.style.SUCCESS(
                f"Seed archive loaded: {len(report.outcomes)} pieces, {changed} created or updated."
            )
        )
