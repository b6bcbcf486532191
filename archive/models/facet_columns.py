"""The facet columns: each row's shown bodies, topics and authors, kept by database triggers.

Migration 0013 adds the columns; the triggers that keep them current on every
write path (admin, importer, COPY, raw SQL) are declared here and installed by
the models whose rows change them (the mentions, the byline, a person's slug).
The columns are deliberately not model fields: a model instance read before its
tags changed and then saved would write its stale copy back. Queries reach them
through ``FacetColumn``, which names the column on the query's own table (also
inside a subquery, where Django renames the table).
"""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.lookups import Overlap
from django.db.models import BigIntegerField, Expression, TextField, Value

import pgtrigger

from archive.models.choices import MentionStatus


class FacetColumn(Expression):
    def __init__(self, column: str, output_field):
        super().__init__(output_field=output_field)
        self.column = column

    def as_sql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return f"{table}.{connection.ops.quote_name(self.column)}", []


def _ids_overlap(column: str, objects) -> Overlap:
    ids = [getattr(item, "pk", item) for item in objects]
    array = ArrayField(BigIntegerField())
    return Overlap(FacetColumn(column, array), Value(ids, output_field=array))


def tagged_with_organisations(organisations) -> Overlap:
    """Rows whose shown tags include any of these bodies (or their ids)."""
    return _ids_overlap("facet_organisations", organisations)


def tagged_with_terms(terms) -> Overlap:
    return _ids_overlap("facet_terms", terms)


def written_by(slugs) -> Overlap:
    """Articles with any of these authors (people's slugs)."""
    array = ArrayField(TextField())
    return Overlap(FacetColumn("facet_authors", array), Value(list(slugs), output_field=array))


# The triggers. A tag is shown when its status is one of MentionStatus.shown(): the SQL is built
# from that one definition, so changing it changes the triggers' hash and makemigrations writes
# the new ones (the rows then need a refresh, as migration 0013's backfill did).


def _shown() -> str:
    return "(" + ", ".join(f"'{status.value}'" for status in MentionStatus.shown()) + ")"


def refresh_articles(ids: str) -> str:
    """SQL rewriting the facet columns of the articles whose ids ``ids`` (a SELECT) gives; a row
    is rewritten only when a value changes, so a no-op tag edit costs no new row version."""
    shown = _shown()
    return f"""UPDATE archive_article a
SET facet_organisations = fresh.organisations, facet_terms = fresh.terms, facet_authors = fresh.authors
FROM (
    SELECT x.id,
        ARRAY(SELECT DISTINCT m.organisation_id FROM archive_organisationmention m
              WHERE m.article_id = x.id AND m.comment_id IS NULL AND m.status IN {shown}
              ORDER BY 1) AS organisations,
        ARRAY(SELECT DISTINCT m.term_id FROM archive_termmention m
              WHERE m.article_id = x.id AND m.comment_id IS NULL AND m.status IN {shown}
              ORDER BY 1) AS terms,
        ARRAY(SELECT DISTINCT p.slug::text FROM archive_article_authors aa
              JOIN archive_person p ON p.id = aa.person_id
              WHERE aa.article_id = x.id ORDER BY 1) AS authors
    FROM ({ids}) AS x(id)
) AS fresh
WHERE a.id = fresh.id
  AND (a.facet_organisations, a.facet_terms, a.facet_authors)
      IS DISTINCT FROM (fresh.organisations, fresh.terms, fresh.authors);"""


def refresh_comments(ids: str) -> str:
    shown = _shown()
    return f"""UPDATE archive_comment c
SET facet_organisations = fresh.organisations, facet_terms = fresh.terms
FROM (
    SELECT x.id,
        ARRAY(SELECT DISTINCT m.organisation_id FROM archive_organisationmention m
              WHERE m.comment_id = x.id AND m.status IN {shown} ORDER BY 1) AS organisations,
        ARRAY(SELECT DISTINCT m.term_id FROM archive_termmention m
              WHERE m.comment_id = x.id AND m.status IN {shown} ORDER BY 1) AS terms
    FROM ({ids}) AS x(id)
) AS fresh
WHERE c.id = fresh.id
  AND (c.facet_organisations, c.facet_terms) IS DISTINCT FROM (fresh.organisations, fresh.terms);"""


# Statement-level triggers see every changed row at once (transition tables), so a COPY or a
# bulk update refreshes each touched article or comment once. PostgreSQL allows transition
# tables only on single-event triggers, hence one trigger per event.
_EVENTS = {
    pgtrigger.Insert: ("insert", pgtrigger.Referencing(new="new_rows"), ["new_rows"]),
    pgtrigger.Update: (
        "update",
        pgtrigger.Referencing(old="old_rows", new="new_rows"),
        ["new_rows", "old_rows"],
    ),
    pgtrigger.Delete: ("delete", pgtrigger.Referencing(old="old_rows"), ["old_rows"]),
}


def _per_event(refresh) -> list[pgtrigger.Trigger]:
    """One trigger per event, running ``refresh(rows)`` for each transition table it has."""
    return [
        pgtrigger.Trigger(
            name=f"facets_{name}",
            level=pgtrigger.Statement,
            when=pgtrigger.After,
            operation=operation,
            referencing=referencing,
            func="\n".join(refresh(rows) for rows in tables) + "\nRETURN NULL;",
        )
        for operation, (name, referencing, tables) in _EVENTS.items()
    ]


def mention_triggers() -> list[pgtrigger.Trigger]:
    """A mention's row changed: its article's (or its comment's) shown tags are read again."""
    return _per_event(
        lambda rows: (
            refresh_articles(f"SELECT DISTINCT article_id FROM {rows} WHERE comment_id IS NULL")
            + "\n"
            + refresh_comments(f"SELECT DISTINCT comment_id FROM {rows} WHERE comment_id IS NOT NULL")
        )
    )


def byline_triggers() -> list[pgtrigger.Trigger]:
    """An article's authors changed (archive_article_authors)."""
    return _per_event(lambda rows: refresh_articles(f"SELECT DISTINCT article_id FROM {rows}"))


def person_slug_trigger() -> pgtrigger.Trigger:
    """A renamed person's articles carry the new slug."""
    changed = (
        "SELECT DISTINCT aa.article_id FROM archive_article_authors aa "
        "JOIN new_rows ON new_rows.id = aa.person_id "
        "JOIN old_rows ON old_rows.id = new_rows.id "
        "WHERE new_rows.slug IS DISTINCT FROM old_rows.slug"
    )
    return pgtrigger.Trigger(
        name="facets_update",
        level=pgtrigger.Statement,
        when=pgtrigger.After,
        operation=pgtrigger.Update,
        referencing=pgtrigger.Referencing(old="old_rows", new="new_rows"),
        func=refresh_articles(changed) + "\nRETURN NULL;",
    )
