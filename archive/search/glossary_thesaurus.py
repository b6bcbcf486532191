"""The thin shell around archive.search.thesaurus: the archive's glossary read from the database."""

from archive.models import Organisation, PolicyTerm
from archive.search.cache import per_data_version
from archive.search.thesaurus import Thesaurus, entries_from


def archive_thesaurus() -> Thesaurus:
    """Every organisation and policy term, keyed ("org", slug) and ("term", slug), as the search
    parameters name them. A few hundred rows: cheap to build; the caller may keep it per data
    version (archive.search.cache.data_version)."""
    return _glossary()[0]


def _glossary() -> tuple[Thesaurus, dict]:
    rows, ids = [], {}
    for parameter, model in (("org", Organisation), ("term", PolicyTerm)):
        # Only the public entries: readers never meet a name the archive does not show (issue 17).
        for pk, slug, name, abbreviation, aliases in (
            model.objects.public()
            .order_by("name")
            .values_list("pk", "slug", "name", "abbreviation", "aliases")
        ):
            rows.append(((parameter, slug), name, abbreviation, aliases))
            ids[(parameter, slug)] = pk
    return Thesaurus.build(entries_from(rows)), ids


# The thesaurus and each entry key's id in the search index, kept while the data is unchanged
# (one query for the data version per search, rather than reading the glossary each time).
current_glossary = per_data_version(_glossary)
