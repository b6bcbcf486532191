"""Every public URL pattern of the archive, as a template to fill in: a new route is walked and
fuzzed without anyone adding it to a list (tests/test_drafts.py, tests/test_fuzz.py)."""

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

_ROUTE_PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
_REGEX_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>[^)]*\)(?:\{[^}]*\})?")


@dataclass(frozen=True)
class PublicPattern:
    name: str
    template: str  # "/articles/{slug}/citation.{extension}"
    parameters: tuple[str, ...]  # ("slug", "extension")

    def fill(self, **values: str) -> str:
        return self.template.format(**values)


def _template(pattern) -> str:
    if isinstance(pattern, RoutePattern):
        return _ROUTE_PARAMETER.sub(lambda match: "{" + match["name"] + "}", str(pattern))
    regex = pattern.regex.pattern.removeprefix("^").removesuffix("$").removesuffix(r"\Z")
    return _REGEX_GROUP.sub(lambda match: "{" + match["name"] + "}", regex)


def public_patterns() -> list[PublicPattern]:
    """The URL patterns readers and machines use: all but the admin (which has its own tests)."""
    found = []
    # The app's own URLconf, which config/urls.py mounts at the root beside the admin.
    for entry in get_resolver("archive.urls").url_patterns:
        if isinstance(entry, URLResolver):  # an include (there is none today)
            continue
        assert isinstance(entry, URLPattern)
        template = "/" + _template(entry.pattern)
        parameters = tuple(re.findall(r"\{(\w+)\}", template))
        found.append(PublicPattern(entry.name, template, parameters))
    return found
