"""`make backup` and `make restore` round-trip the whole archive: counts and checksums of every table."""

import io
import stat

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection

import psycopg
import pytest

from archive.dburl import describe, libpq_environment, url_for
from archive.models import Article, MentionStatus, OrganisationMention, Quote, TermMention
from archive.services.quotes import make_quote
from archive.services.seed import load_seed

# The seed is made once for the module and committed, for pg_dump to see; the tests only read it
# (conftest.py, `shared_rows`), and each runs in a transaction rolled back after it.
pytestmark = pytest.mark.django_db


def table_checksums(url: str) -> dict[str, tuple[int, str]]:
    """For every table: its row count and an md5 of all its rows in a stable order."""
    with psycopg.connect(url) as database:
        tables = [
            row[0]
            for row in database.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name"
            )
        ]
        checksum = "SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM {} t"
        return {table: database.execute(checksum.format(f'"{table}"')).fetchone() for table in tables}


@pytest.fixture(scope="module")
def archive_with_everything(shared_rows):
    load_seed()
    article = Article.objects.get(title__startswith="Major government review")
    article.body += "\n\nA curator's correction."
    article.save()  # a second revision
    mentions = OrganisationMention.objects.filter(article=article, comment=None)
    mentions.filter(organisation__slug="bma").update(status=MentionStatus.CONFIRMED)
    mentions.filter(organisation__slug="rcgp").update(status=MentionStatus.REJECTED)
    TermMention.objects.filter(article=article, comment=None, term__slug="qof").update(
        status=MentionStatus.ADDED
    )
    make_quote(article, article.comments.first(), "divide and conquer")
    get_user_model().objects.create_user("curator", password="a-password-for-backups-1", is_staff=True)
    get_user_model().objects.create_superuser("admin", password="another-password-for-backups-2")


def test_backup_and_restore_lose_nothing(tmp_path, archive_with_everything, database_name):
    source_url = url_for(connection.settings_dict)
    # Read before restoring: the command closes this connection, inside the test's transaction.
    quotes, first_article = Quote.objects.count(), Article.objects.first().pk
    backup = tmp_path / "archive.dump"
    call_command("backup", output=backup)
    assert backup.stat().st_size > 10_000

    target = database_name("restore_check")
    admin_url = url_for(connection.settings_dict, "postgres")
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{target}"')
        admin.execute(f'CREATE DATABASE "{target}"')
    target_url = url_for(connection.settings_dict, target)
    try:
        call_command("restore", str(backup), database_url=target_url, yes=True)
        before, after = table_checksums(source_url), table_checksums(target_url)
        assert before == after
        for table in [
            "archive_article",
            "archive_comment",
            "archive_organisationmention",
            "archive_quote",
            "archive_articlerevision",
            "archive_commentrevision",
            "auth_user",
        ]:
            assert before[table][0] > 0, table
        assert before["archive_quote"][0] == quotes == 11
        # The revision triggers came back too: a change after restoring is still kept.
        with psycopg.connect(target_url, autocommit=True) as restored:
            restored.execute(
                "UPDATE archive_article SET body = body || ' More.' WHERE id = %s",
                [first_article],
            )
            revisions = restored.execute("SELECT count(*) FROM archive_articlerevision").fetchone()[0]
        assert revisions == before["archive_articlerevision"][0] + 1
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')


def test_restore_refuses_a_missing_or_broken_file_and_changes_nothing(tmp_path, archive_with_everything):
    before = table_checksums(url_for(connection.settings_dict))
    with pytest.raises(CommandError, match="no backup file"):
        call_command("restore", str(tmp_path / "nothing.dump"), yes=True)
    broken = tmp_path / "broken.dump"
    broken.write_bytes(b"PGDMP this is not really a dump")
    with pytest.raises(CommandError, match="pg_restore failed"):
        call_command("restore", str(broken), yes=True)
    assert table_checksums(url_for(connection.settings_dict)) == before


def test_a_backup_is_readable_by_its_owner_only(tmp_path, archive_with_everything):
    folder = tmp_path / "backups"
    backup = folder / "archive.dump"
    call_command("backup", output=backup)
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    backup.chmod(0o644)  # a file left readable by an older version is tightened when rewritten
    call_command("backup", output=backup)
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600


def test_the_password_goes_through_the_environment_and_is_never_shown():
    settings_dict = {
        "NAME": "archive",
        "USER": "archive",
        "PASSWORD": "s3cret-pass",
        "HOST": "db.example.org",
        "PORT": 5432,
    }
    assert libpq_environment(settings_dict) == {
        "PGHOST": "db.example.org",
        "PGPORT": "5432",
        "PGUSER": "archive",
        "PGPASSWORD": "s3cret-pass",
        "PGDATABASE": "archive",
    }
    assert describe(settings_dict) == "database “archive” on db.example.org:5432"


def test_the_restore_prompt_names_host_and_database_only(tmp_path, monkeypatch, capsys):
    # The command run in this process, answering "no" at its prompt, rather than `manage.py restore`
    # in a Python of its own (a start of Django and a join of the embedded server, 1.5 CPU-s): what
    # it says is its prompt (on stdout) and its refusal (a CommandError, which manage.py prints).
    backup = tmp_path / "archive.dump"
    backup.write_bytes(b"PGDMP")
    url = "postgres://archive:s3cret-pass@db.example.org:5433/archive_live"
    monkeypatch.setattr("sys.stdin", io.StringIO("no\n"))
    with pytest.raises(CommandError) as refusal:
        call_command("restore", str(backup), "--database-url", url)
    output = capsys.readouterr()
    said = output.out + output.err + str(refusal.value)
    assert "database “archive_live” on db.example.org:5433" in said and "Nothing was restored" in said
    assert "s3cret-pass" not in said and "archive:" not in said
