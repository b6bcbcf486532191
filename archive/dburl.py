"""A libpq URL for Django's database settings (for pg_dump, pg_restore and subprocesses)."""

from urllib.parse import quote


def url_for(settings_dict: dict, name: str | None = None) -> str:
    credentials = f"{quote(settings_dict['USER'] or '')}:{quote(settings_dict['PASSWORD'] or '')}"
    database = quote(name or settings_dict["NAME"])
    host = settings_dict["HOST"] or settings_dict.get("OPTIONS", {}).get("host", "")  # a socket folder
    if not host or host.startswith("/"):
        return f"postgresql://{credentials}@/{database}" + (f"?host={quote(host)}" if host else "")
    return f"postgresql://{credentials}@{host}:{settings_dict['PORT'] or 5432}/{database}"
