import gc

from django.apps import AppConfig

# Django imports this module while it starts (apps.populate), before it imports the apps' models
# and runs their ready(): from here until ArchiveConfig.ready() below freezes what was loaded,
# Python's cycle collector is paused. Its passes over the objects the start makes, which all live
# as long as the process, were about 0.05 CPU-s of every start's 0.8.
gc.disable()


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = "GP Contract Archive"

    def ready(self):
        # Connects the data version's request signals (one read of it per web request) at every
        # start, not only once something has imported the search: the admin no longer does at start.
        from archive.search import cache  # noqa: F401

        # What Django has loaded by now (modules, models, the admin) lives as long as the process:
        # kept out of the collector's full passes, which walked all of it each time, and most of
        # all at exit, where Python runs several (about 0.45 CPU-s at every exit of a process that
        # set Django up; near nothing frozen). In gunicorn's master (preload_app) this is before the
        # workers are forked, so their collections no longer write to the pages they share with it
        # (the reason Python's documentation gives for gc.freeze).
        gc.freeze()
        gc.enable()  # paused above while Django started
