"""The thin shell around archive.search.thesaurus: the archive's glossary read from the database."""

from archive.models import Organisation, PolicyTerm
from archive.search.thesaurus import Thesaurus, entries_from


def archive_thesaurus() -> Thesaurus:
    """Every organisation and policy term, keyed ("org", slug) and ("term", slug), as the search
    parameters name them. A few hundred rows: cheap to build; the caller may keep it per data
    version (archive.search.cache.data_version)."""
    rows = [
        ((parameter, slug), name, abbreviation, aliases)
        for parameter, model in (("org", Organisation), ("term", PolicyTerm))
        for slug, name, abbreviation, aliases in model.objects.order_by("name").values_list(
            "slug", "name", "abbreviation", "aliases"
        )
    ]
    return Thesaurus.build(entries_from(rows))
