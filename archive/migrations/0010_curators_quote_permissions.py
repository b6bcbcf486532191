from django.db import migrations

from archive.migrations import _curators


class Migration(migrations.Migration):
    """Curators may now attribute quotes (and read revisions)."""

    dependencies = [("archive", "0009_cache_table")]

    operations = [migrations.RunPython(_curators.sync, migrations.RunPython.noop)]
