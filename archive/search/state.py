"""A search's state is its GET parameters; this builds the links that change it.

Every state is a plain GET URL (DESIGN.md §8), so a link made from a state
keeps all of it except what the link changes, and drops the page number.
"""

from urllib.parse import urlencode

from django.http import QueryDict

from archive.search import facet_list

FACET_PARAMETERS = facet_list.NAMES
DATE_PARAMETERS = ["from", "to"]
ALL_PARAMETERS = ["q", *FACET_PARAMETERS, *DATE_PARAMETERS, "sort", "page"]


class SearchState:
    def __init__(self, data: QueryDict, path: str, fixed: dict[str, str] | None = None):
        self.path = path
        self.fixed = fixed or {}  # parameters a page is about (a topic page's term): not removable
        self.params = QueryDict(mutable=True)
        for name in ALL_PARAMETERS:
            values = [value for value in data.getlist(name) if value != ""]
            if values:
                self.params.setlist(name, values)
        self._encoded: dict[str, list[str]] | None = None  # made by _encoded_params

    def ignore(self, name: str, values: tuple[str, ...] | None = None) -> None:
        """Drop values the search could not use (all of the parameter's when ``values`` is None),
        so that no chip, summary or link carries them on. A page's fixed subject stays."""
        kept = [] if values is None else [value for value in self.values(name) if value not in values]
        if kept:
            self.params.setlist(name, kept)
        else:
            self.params.pop(name, None)
        self._encoded = None

    def values(self, name: str) -> list[str]:
        return self.params.getlist(name)

    def filter_data(self) -> QueryDict:
        """The parameters a FilterSet reads, with the page's fixed ones added."""
        data = self.params.copy()
        for name, value in self.fixed.items():
            if value not in data.getlist(name):
                data.appendlist(name, value)
        return data

    @property
    def query_with_fixed(self) -> str:
        """The state as a query string, a page's fixed subject included as an ordinary
        parameter and the page number left out: for a link to another page about this search."""
        params = self.filter_data()
        params.pop("page", None)
        return params.urlencode()

    def url(self, params: QueryDict | None = None) -> str:
        params = self.params if params is None else params
        query = params.urlencode()
        return f"{self.path}?{query}" if query else self.path

    def _encoded_params(self) -> dict[str, list[str]]:
        """Each parameter but the page as its encoded "name=value" pieces, made once a state."""
        if self._encoded is None:
            lists = [(key, items) for key, items in self.params.lists() if key != "page"]
            self._encoded = {key: [_encoded(key, item) for item in items] for key, items in lists}
        return self._encoded

    def _url_changing(self, name: str, values: list[str] | None) -> str:
        """The state's URL without its page, ``name`` given ``values`` (None: left out).

        A search page makes some seventy of these links, one per facet value, each changing one
        parameter: the others are encoded once (_encoded_params), not again for every link."""
        pieces = dict(self._encoded_params())
        if values:
            pieces[name] = [_encoded(name, value) for value in values]
        else:
            pieces.pop(name, None)
        query = "&".join(piece for encoded in pieces.values() for piece in encoded)
        return f"{self.path}?{query}" if query else self.path

    def toggle_url(self, name: str, value: str) -> str:
        values = self.params.getlist(name)
        return self._url_changing(
            name, [v for v in values if v != value] if value in values else [*values, value]
        )

    def without_url(self, name: str, value: str | None = None) -> str:
        kept = [] if value is None else [v for v in self.params.getlist(name) if v != value]
        return self._url_changing(name, kept)

    def with_url(self, **changes: str) -> str:
        params = self.params.copy()
        params.pop("page", None)
        for name, value in changes.items():
            params[name] = value
        return self.url(params)

    def page_url(self, number: int) -> str:
        params = self.params.copy()
        if number <= 1:
            params.pop("page", None)
        else:
            params["page"] = str(number)
        return self.url(params)

    def clear_url(self) -> str:
        """Every filter gone; the words searched for stay."""
        params = QueryDict(mutable=True)
        if self.params.get("q"):
            params["q"] = self.params["q"]
        return self.url(params)

    @property
    def has_filters(self) -> bool:
        return any(self.params.getlist(name) for name in FACET_PARAMETERS + DATE_PARAMETERS)


def _encoded(name: str, value: str) -> str:
    return urlencode([(name, value)])
