"""The thin shell around archive.search.thesaurus: the archive's glossary read from the database."""

from archive.search.cache import per_data_version
from archive.search.known_names import known_names
from archive.search.thesaurus import Thesaurus, entries_from


def archive_thesaurus() -> Thesaurus:
    """Every organisation and policy term, keyed ("org", slug) and ("term", slug), as the search
    parameters name them. A few hundred rows: cheap to build; the caller may keep it per data
    version (archive.search.cache.data_version)."""
    return _glossary()[0]


def _glossary() -> tuple[Thesaurus, dict]:
    # Only the public entries: readers never meet a name the archive does not show (issue 17).
    # They are the rows known_names keeps (every search reads them for its facets), in the same
    # order (by name): reading them again here ran both tables' `public()` test a second time.
    known = known_names()
    rows, ids = [], {}
    for parameter in ("org", "term"):
        for slug, row in known.public_by_slug[parameter].items():
            rows.append(((parameter, slug), row.name, row.abbreviation, row.aliases))
            ids[(parameter, slug)] = row.pk
    return Thesaurus.build(entries_from(rows)), ids


# The thesaurus and each entry key's id in the search index, kept while the data is unchanged
# (one query for the data version per search, rather than reading the glossary each time).
current_glossary = per_data_version(_glossary)
