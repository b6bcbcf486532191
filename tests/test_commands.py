"""Management commands: import_text, create_curator, load_seed, and the migrations check."""

from io import StringIO

from django.core.management import CommandError, call_command

import pytest

from archive.models import Article, Comment
from tests.factories import INVENTED_PASTE

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_text_twice_and_metadata(tmp_path):
    paste = tmp_path / "paste.txt"
    paste.write_text(INVENTED_PASTE, encoding="utf-8")
    out, _ = run(
        "import_text",
        str(paste),
        "--date",
        "2024-03",
        "--date-approximate",
        "--author",
        "Polly Invented",
        "--publication",
        "The Practice Gazette",
        "--url",
        "https://example.org/a",
        "--status",
        "published",
    )
    article = Article.objects.get()
    assert "Created" in out and article.get_absolute_url() in out
    assert article.date_display == "c. March 2024" and article.status == "published"
    assert [p.name for p in article.authors.all()] == ["Polly Invented"]
    assert article.source_url == "https://example.org/a"
    out, _ = run("import_text", str(paste), "--status", "published")
    assert "Unchanged" in out and Article.objects.count() == 1 and Comment.objects.count() == 2


def test_import_text_reports_each_bad_file_and_writes_nothing_from_it(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(INVENTED_PASTE, encoding="utf-8")
    binary = tmp_path / "picture.png"
    binary.write_bytes(b"\x89PNG\x00\x00\x00" * 100)
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    with pytest.raises(CommandError, match="3 of 4 files were not imported"):
        call_command(
            "import_text",
            str(binary),
            str(empty),
            str(tmp_path / "missing.txt"),
            str(good),
            stdout=StringIO(),
            stderr=(err := StringIO()),
        )
    messages = err.getvalue()
    assert "binary data" in messages and "empty" in messages and "cannot read it" in messages
    assert Article.objects.count() == 1  # the good file still went in


def test_import_text_dry_run_writes_nothing(tmp_path):
    paste = tmp_path / "paste.txt"
    paste.write_text(INVENTED_PASTE, encoding="utf-8")
    out, _ = run("import_text", str(paste), "--dry-run")
    assert "2 comments" in out and "dry run" in out and Article.objects.count() == 0


def test_create_curator_asks_for_a_valid_password(monkeypatch):
    from django.contrib.auth import get_user_model

    answers = iter(["short", "short", "a-long-and-unusual-passphrase-7", "a-long-and-unusual-passphrase-7"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    out, err = run("create_curator", "--username", "new-curator")
    user = get_user_model().objects.get(username="new-curator")
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == ["Curators"]
    assert user.check_password("a-long-and-unusual-passphrase-7")
    assert "too short" in err


def test_migrations_are_up_to_date():
    out, _ = run("makemigrations", "--check", "--dry-run")
    assert "No changes detected" in out
