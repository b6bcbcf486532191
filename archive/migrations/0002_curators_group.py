from django.db import migrations

from archive.services.curators import CURATORS_GROUP
from archive.migrations._curators import sync as create_curators_group


def remove_curators_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=CURATORS_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_curators_group, remove_curators_group)]
