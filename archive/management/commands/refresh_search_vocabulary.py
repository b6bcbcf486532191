from django.core.management.base import BaseCommand

from archive.search.vocabulary import refresh_vocabulary


class Command(BaseCommand):
    help = 'Rebuild the words "did you mean" suggests from (after changes made outside the admin).'

    def handle(self, *args, **options):
        refresh_vocabulary()
        self.stdout.write(self.style.SUCCESS("Search vocabulary refreshed."))
