"""The facet columns: each row's shown bodies, topics and authors, kept by database triggers.

Migration 0013 adds them and keeps them current on every write path. They are
deliberately not model fields: a model instance read before its tags changed
and then saved would write its stale copy back. Queries reach them through
``FacetColumn``, which names the column on the query's own table (also inside
a subquery, where Django renames the table).
"""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.lookups import Overlap
from django.db.models import BigIntegerField, Expression, TextField, Value


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
