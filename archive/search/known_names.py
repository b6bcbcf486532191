"""The bodies, topics and publications a search names, read once per data version.

A search page turns facet ids into names, checks the slugs in its URL and labels
every hit's tags: at 100,000 articles those were five queries a search, and the
"public" test behind them (a shown tag on a published piece) is the dearest of
them. These tables are small (hundreds of rows) and change rarely, so each
process keeps them for as long as the data version is unchanged.
"""

from dataclasses import dataclass

from archive.models import Organisation, PolicyTerm, Publication
from archive.search.cache import per_data_version

MODELS = {"org": Organisation, "term": PolicyTerm, "publication": Publication}


@dataclass(frozen=True)
class KnownNames:
    by_pk: dict[str, dict[int, object]]  # facet -> id -> instance, every row
    public_by_slug: dict[str, dict[str, object]]  # facet -> slug -> instance, public rows only

    def public(self, facet: str, slugs: list[str]) -> list:
        """The instances of ``slugs`` that readers may see, in the order given."""
        found = self.public_by_slug[facet]
        return [found[slug] for slug in slugs if slug in found]


def _read() -> KnownNames:
    by_pk, public_by_slug = {}, {}
    for facet, model in MODELS.items():
        rows = list(model.objects.all())
        public = set(model.objects.public().values_list("pk", flat=True))
        by_pk[facet] = {row.pk: row for row in rows}
        public_by_slug[facet] = {row.slug: row for row in rows if row.pk in public}
    return KnownNames(by_pk, public_by_slug)


known_names = per_data_version(_read)
