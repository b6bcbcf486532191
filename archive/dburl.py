"""A libpq URL for Django's database settings (for pg_dump, pg_restore and subprocesses)."""

from urllib.parse import quote


def url_for(settings_dict: dict, name: str | None = None) -> str:
    credentials = f"{quote(settings_dict['USER'] or '')}:{quote(settings_dict['PASSWORD'] or '')}"
    database = quote(name or settings_dict["NAME"])
    host = settings_dict["HOST"] or settings_dict.get("OPTIONS", {}).get("host", "")  # a socket folder
    if not host or host.startswith("/"):
        return f"postgresql://{credentials}@/{database}" + (f"?host={quote(host)}" if host else "")
    return f"postgresql://{credentials}@{host}:{settings_dict['PORT'] or 5432}/{database}"


def libpq_environment(settings_dict: dict, name: str | None = None) -> dict[str, str]:
    """The same connection as libpq environment variables (PGHOST, PGPASSWORD, ...), for client
    programs: a password in the environment is seen only by its own user, unlike one on the
    command line, which every user of the machine can read (``ps``)."""
    host = settings_dict["HOST"] or settings_dict.get("OPTIONS", {}).get("host", "")
    variables = {
        "PGHOST": host,
        "PGPORT": str(settings_dict.get("PORT") or ""),
        "PGUSER": settings_dict.get("USER") or "",
        "PGPASSWORD": settings_dict.get("PASSWORD") or "",
        "PGDATABASE": name or settings_dict["NAME"],
    }
    return {key: value for key, value in variables.items() if value}


def describe(settings_dict: dict) -> str:
    """Where a database is, for people: host and database name, never the user or password."""
    host = settings_dict["HOST"] or settings_dict.get("OPTIONS", {}).get("host", "") or "localhost"
    where = (
        host if host.startswith("/") or not settings_dict.get("PORT") else f"{host}:{settings_dict['PORT']}"
    )
    return f"database “{settings_dict['NAME']}” on {where}"
