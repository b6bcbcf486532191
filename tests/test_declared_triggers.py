"""Every trigger on the archive's tables is declared in a model with django-pgtrigger (issue 18):
no hand-written trigger outlives the migrations, and the values the triggers use come from Python."""

from django.apps import apps
from django.core.management import call_command
from django.db import connection

import pgtrigger
import pytest

from archive.models import (
    Article,
    ArticleAuthor,
    Comment,
    DataVersion,
    MentionStatus,
    Organisation,
    OrganisationMention,
    Person,
    PolicyTerm,
    Quote,
    TermMention,
)
from archive.models.facet_columns import mention_triggers
from archive.models.quotes import QuoteTopic
from archive.services.quotes import make_quote, prepare_quote
from tests.factories import make_article, make_comment, make_organisation, make_person, make_term

pytestmark = pytest.mark.django_db


def installed() -> set[tuple[str, str]]:
    """(table, trigger) for every trigger PostgreSQL holds on a table of the project's models."""
    tables = {model._meta.db_table for model in apps.get_models(include_auto_created=True)}
    with connection.cursor() as cursor:
        cursor.execute("SELECT tgrelid::regclass::text, tgname FROM pg_trigger WHERE NOT tgisinternal")
        return {(table, name) for table, name in cursor.fetchall() if table in tables}


def declared() -> set[tuple[str, str]]:
    return {(model._meta.db_table, trigger.get_pgid(model)) for model, trigger in pgtrigger.registered()}


def test_every_trigger_in_the_database_is_declared_in_a_model_and_installed():
    assert installed() == declared()
    assert all(name.startswith("pgtrigger_") for _, name in installed())


def test_pgtrigger_lists_every_declared_trigger_as_installed_and_enabled(capsys):
    call_command("pgtrigger", "ls")
    lines = [line for line in capsys.readouterr().out.splitlines() if line.strip()]
    assert len(lines) == len(declared())
    assert all("INSTALLED" in line and "ENABLED" in line for line in lines), lines


def test_the_tables_each_trigger_family_covers():
    def names(model):
        return sorted(trigger.name for trigger in model._meta.triggers)

    for model in (Article, Comment, Organisation, OrganisationMention, TermMention, Person, ArticleAuthor):
        assert "data_version" in names(model)
    assert "data_version" in names(QuoteTopic)
    assert {"data_version", "data_version_attributed"} <= set(names(Quote))
    for model in (OrganisationMention, TermMention, ArticleAuthor):
        assert {"facets_insert", "facets_update", "facets_delete"} <= set(names(model))
    assert "facets_update" in names(Person)
    assert ArticleAuthor._meta.db_table == Article.authors.through._meta.db_table
    assert QuoteTopic._meta.db_table == Quote.topics.through._meta.db_table


def test_the_shown_statuses_in_the_facet_triggers_come_from_mention_status(monkeypatch):
    """One definition: the triggers' SQL is built from MentionStatus.shown(), so a change to it is a
    change to the declared triggers (a new hash, a migration from makemigrations)."""
    func = mention_triggers()[0].func
    for status in MentionStatus:
        assert (f"'{status.value}'" in func) == (status in MentionStatus.shown())
    before = mention_triggers()[0].compile(OrganisationMention).sql.hash
    monkeypatch.setattr(MentionStatus, "shown", classmethod(lambda cls: [cls.CONFIRMED]))
    changed = mention_triggers()[0]
    assert "'detected'" not in changed.func and "'confirmed'" in changed.func
    assert changed.compile(OrganisationMention).sql.hash != before


def version() -> int:
    return DataVersion.objects.get(pk=1).version


def test_every_write_path_moves_the_data_version_once_per_statement():
    start = version()
    article = make_article()  # one INSERT (its byline is empty)
    assert version() > start
    before = version()
    Article.objects.filter(pk=article.pk).update(title="Renamed")  # a bulk update
    assert version() == before + 1
    before = version()
    with connection.cursor() as cursor:  # raw SQL, over many rows: still one statement
        cursor.execute("UPDATE archive_article SET standfirst = 'Changed' WHERE true")
    assert version() == before + 1
    before = version()
    make_comment(article)
    make_organisation(name="Invented Health Board", slug="invented-health-board")
    article.authors.add(make_person(name="Dr Ada Invented", slug="ada-invented"))
    assert version() >= before + 4


def test_a_curators_quote_moves_the_data_version_and_a_readers_link_does_not():
    """A quote can make a person, body or topic public (their .public()); what is kept per data
    version (the search's known names, the glossary's public terms, kept pages) must then see it."""
    article = make_article()
    person = make_person(name="Dr Ada Invented", slug="ada-invented")
    term = make_term(name="Invented resilience scheme", slug="invented-resilience-scheme")
    before = version()
    quote, _ = make_quote(article, None, "its list was full")  # a reader's link
    assert version() == before

    Quote.objects.filter(pk=quote.pk).update(speaker=person)  # attributed by a curator
    assert version() == before + 1
    assert person in Person.objects.public()
    before = version()
    quote.topics.add(term)  # given a topic by a curator: the term is public through it alone
    assert version() == before + 1 and term in PolicyTerm.objects.public()
    before = version()
    quote.topics.remove(term)
    assert version() == before + 1 and term not in PolicyTerm.objects.public()
    before = version()
    quote.delete()  # its topic rows too, a statement of their own
    assert version() > before and person not in Person.objects.public()

    before = version()
    attributed = prepare_quote(article, None, "The partners blamed funding")
    attributed.speaker = person
    attributed.save(force_insert=True)  # a quote the admin adds already attributed
    assert version() == before + 1
