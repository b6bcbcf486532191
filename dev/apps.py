from django.apps import AppConfig


class DevConfig(AppConfig):
    """Only management commands (dev/management/commands): no models, no URLs."""

    name = "dev"
    verbose_name = "GP Contract Archive: development tools"
