"""The project's configuration: settings, the root URLconf and the WSGI and ASGI entry points."""
