"""Shared by the migrations that set the Curators group's permissions."""

from django.contrib.auth.management import create_permissions

from archive.services.curators import sync_curators_group


def sync(apps, schema_editor):
    # Permissions are normally made after all migrations; make them now so the group can hold them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    sync_curators_group(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))
