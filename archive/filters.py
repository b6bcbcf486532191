"""The public search parameters (DESIGN.md §8), declared one by one.

One FilterSet serves both kinds of hit: articles and comments answer the same
queryset methods (archive.models.querysets). Bad input becomes a form error,
shown to the reader and otherwise ignored; it never reaches the database.
"""

import re
from dataclasses import dataclass

from django import forms
from django.core.validators import validate_slug

import django_filters

from archive.search.known_names import known_names
from archive.search.query import MAX_QUERY_CHARACTERS

SLUG = re.compile(r"[-a-zA-Z0-9_]+")
YEARS = range(1990, 2101)
MAX_VALUES_PER_FACET = 20


class SlugListField(forms.Field):
    """A repeated GET parameter of slugs (``author=a&author=b``)."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        return [item.strip() for item in (value or []) if item and item.strip()]

    def validate(self, value):
        super().validate(value)
        if len(value) > MAX_VALUES_PER_FACET:
            raise forms.ValidationError(f"At most {MAX_VALUES_PER_FACET} values.")
        for item in value:
            if len(item) > 100:
                raise forms.ValidationError("That is not an author's address name.")
            validate_slug(item)


class SlugListFilter(django_filters.Filter):
    field_class = SlugListField


class KnownSlugsField(forms.Field):
    """Keeps the slugs of public rows (the archive's known names) and remembers the others
    (``unknown``), so that one mistyped value in a shared URL does not silently drop the rest
    of the filter.

    A plain field, not a model choice field: it never read its queryset, and Django deep-copied
    one for each of the three filters on every search."""

    widget = forms.MultipleHiddenInput  # reads every value of the parameter
    unknown: list[str] = []

    def __init__(self, *args, facet: str, **kwargs):
        self.facet = facet  # "org", "term" or "publication" (archive.search.known_names)
        super().__init__(*args, **kwargs)

    def clean(self, value):
        values = [item for item in (value or []) if item][:MAX_VALUES_PER_FACET]
        # Only what could be a slug is looked up; anything else is simply not one of ours.
        slugs = [item for item in values if len(item) <= 80 and SLUG.fullmatch(item)]
        found = known_names().public(self.facet, slugs) if slugs else []
        known = {item.slug for item in found}
        self.unknown = [item for item in values if item not in known]
        return found


class KnownSlugsFilter(django_filters.Filter):
    field_class = KnownSlugsField


class KnownChoicesField(forms.MultipleChoiceField):
    """Keeps the values that are choices and remembers the others (``unknown``), like
    KnownSlugsField: ``year=2023&year=abc`` searches 2023 and says that "abc" was ignored."""

    unknown: list[str] = []

    def clean(self, value):
        values = [item for item in (value or []) if item][:MAX_VALUES_PER_FACET]
        valid = {str(key) for key, _ in self.choices}
        self.unknown = [item for item in values if item not in valid]
        return [item for item in values if item in valid]


class KnownChoicesFilter(django_filters.MultipleChoiceFilter):
    field_class = KnownChoicesField


class KnownYearsField(forms.Field):
    """The years of YEARS in the values, remembering the others (``unknown``) like KnownChoicesField.

    Not a choice field: Django copies and normalises a field's choices for every form, and the 111
    years' were 5 ms of a search's 6 in its filters at 100,000 articles."""

    widget = forms.MultipleHiddenInput  # reads every value of the parameter
    unknown: list[str] = []
    valid = frozenset(str(year) for year in YEARS)

    def clean(self, value):
        values = [item for item in (value or []) if item][:MAX_VALUES_PER_FACET]
        self.unknown = [item for item in values if item not in self.valid]
        return [item for item in values if item in self.valid]


class KnownYearsFilter(django_filters.Filter):
    field_class = KnownYearsField


class HitFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Search", max_length=MAX_QUERY_CHARACTERS * 10, method="filter_q")
    kind = KnownChoicesFilter(
        choices=[("article", "Articles"), ("comment", "Comments")],
        label="Kind",
        method="filter_kind",
    )
    org = KnownSlugsFilter(facet="org", label="Body", method="filter_org")
    term = KnownSlugsFilter(facet="term", label="Topic", method="filter_term")
    author = SlugListFilter(label="Author", method="filter_author")
    publication = KnownSlugsFilter(
        facet="publication",
        label="Publication",
        method="filter_publication",
    )
    year = KnownYearsFilter(label="Year", method="filter_year")
    date_from = django_filters.DateFilter(label="From", method="filter_from")
    to = django_filters.DateFilter(label="To", method="filter_to")

    def filter_q(self, queryset, name, value):
        return queryset  # words are matched by the search index (archive.search.engine), not here

    def filter_kind(self, queryset, name, value):
        return queryset  # the kind chooses which hits are searched at all (archive.search.engine)

    def filter_org(self, queryset, name, value):
        return queryset.mentioning_organisations(value) if value else queryset

    def filter_term(self, queryset, name, value):
        return queryset.mentioning_terms(value) if value else queryset

    def filter_author(self, queryset, name, value):
        return queryset.by_authors(value) if value else queryset

    def filter_publication(self, queryset, name, value):
        return queryset.in_publications(value) if value else queryset

    def filter_year(self, queryset, name, value):
        return queryset.in_years([int(year) for year in value]) if value else queryset

    def filter_from(self, queryset, name, value):
        return queryset.dated_between(start=value)

    def filter_to(self, queryset, name, value):
        return queryset.dated_between(end=value)


# "from" is a Python keyword, so the filter is declared as date_from and published
# under the public parameter name the URL contract gives it.
HitFilterSet.base_filters["from"] = HitFilterSet.base_filters.pop("date_from")


@dataclass(frozen=True)
class Ignored:
    """A public parameter's values that a search could not use: named to the reader, never
    applied, and never shown as an active filter (archive.search.state.SearchState.ignore)."""

    name: str
    values: tuple[str, ...] | None  # None: every value of the parameter
    note: str


UNKNOWN_NOTES = {
    "org": "There is no body “{}” in the archive, so that filter was ignored.",
    "term": "There is no topic “{}” in the archive, so that filter was ignored.",
    "publication": "There is no publication “{}” in the archive, so that filter was ignored.",
    "kind": "Kind: “{}” is not a kind of piece here (articles or comments), so it was ignored.",
    "year": f"Year: “{{}}” is not a year from {YEARS[0]} to {YEARS[-1]}, so it was ignored.",
}


def ignored_parameters(form) -> list[Ignored]:
    """What a bound and validated HitFilterSet form could not use, each with its note."""
    ignored = []
    for name, template in UNKNOWN_NOTES.items():
        for value in getattr(form.fields.get(name), "unknown", []):
            ignored.append(Ignored(name, (value,), template.format(value[:100])))
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else name
        ignored.append(Ignored(name, None, f"{label}: {' '.join(errors)} That filter was ignored."))
    return ignored
