"""{{ hit|hit_body }}: one search hit's contents (archive.search.hits.Hit), drawn in Python.

A search page shows twenty hits. Drawn by templates (three nested includes and some thirty
variable lookups a hit) they took about 1.2 ms each, a quarter of the page's time at 100,000
articles; drawn here, about a tenth of that (the year chart is drawn the same way:
archive.search.charts). format_html escapes every value as the template did. A hit's
``title_html`` and ``snippet`` come already escaped, with the search index's <mark>s
(archive.search.hits), and are kept as they are.

The markup is the page's; tests/test_search.py and the browser tests read it.
"""

from django import template
from django.utils.safestring import SafeString, mark_safe

from archive.core.html_format import format_html, format_html_join

register = template.Library()

KIND = {
    "article": mark_safe('<p class="hit-kind">Article</p>'),
    "comment": mark_safe('<p class="hit-kind">Reader\'s comment</p>'),
}
SEPARATOR = mark_safe('<span class="meta-sep" aria-hidden="true">·</span>')


@register.filter
def hit_body(hit) -> SafeString:
    """What a hit shows inside its <li> (a plain hit's, or a group's lead)."""
    parts = [
        KIND[hit.kind],
        format_html('<h3 class="hit-title"><a href="{}">{}</a></h3>', hit.url, hit.title_html),
        format_html(
            '<p class="meta">\n  {}\n  {}\n  {}\n  {}\n</p>',
            hit.date_display,
            SEPARATOR,
            _authors(hit.authors),
            format_html('{} <a href="{}">{}</a>', SEPARATOR, hit.publication[1], hit.publication[0])
            if hit.publication
            else "",
        ),
    ]
    if hit.snippet_text:
        parts.append(format_html('<p class="snippet">{}</p>', hit.snippet))
    if hit.organisations or hit.terms:
        parts.append(
            format_html(
                '<ul class="chips chips-small">\n    {}\n    {}\n    {}\n  </ul>',
                _chips("chip-org", hit.organisations),
                _chips("chip-term", hit.terms),
                format_html('<li class="more-tags"><a href="{}">+{} more</a></li>', hit.url, hit.more_tags)
                if hit.more_tags
                else "",
            )
        )
    if hit.missing:
        words = mark_safe(", ".join(format_html("<s>{}</s>", word) for word in hit.missing))  # noqa: S308 (each escaped)
        parts.append(format_html('<p class="missing">Missing: {}</p>', words))
    return mark_safe("\n".join(parts))  # noqa: S308 (each part escaped above)


def _authors(authors: list[tuple[str, str | None]]) -> SafeString:
    """Linked names (a commenter's is not linked), or "Author unknown"."""
    if not authors:
        return mark_safe('<span class="unknown">Author unknown</span>')
    names = [
        format_html('<a href="{}">{}</a>', url, name) if url else format_html("{}", name)
        for name, url in authors
    ]
    return mark_safe(", ".join(names))  # noqa: S308 (each escaped)


def _chips(kind: str, tags: list) -> SafeString:
    return format_html_join(
        "",
        '<li><a class="chip {}" href="{}" title="{}">{}</a></li>',
        ((kind, tag.get_absolute_url(), tag.name, tag.short_name) for tag in tags),
    )
