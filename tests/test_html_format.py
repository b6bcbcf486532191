"""archive.core.html_format gives exactly what Django's format_html, format_html_join, escape and
conditional_escape give, for every kind of value a page passes them."""

import random

from django.utils import html as django_html
from django.utils.functional import lazy
from django.utils.safestring import SafeString, mark_safe

from archive.core import html_format

AWKWARD = [
    "",
    "plain",
    "<b>bold</b>",
    "a & b",
    'say "hi"',
    "it's",
    "☑ ünïcode",
    "&amp;",
    "<script>x</script>",
]


# A lazy string, as gettext_lazy gives: the class lazy() makes is made once (making it costs 0.3 ms).
_lazy_text = lazy(lambda text: text, str)


def _values(rng: random.Random):
    text = "".join(rng.choice(AWKWARD) for _ in range(rng.randint(1, 3)))
    return rng.choice(
        [
            text,
            mark_safe(text),
            rng.randint(-5, 5000),
            None,
            3.5,
            _lazy_text(text),
            SafeString("<i>k</i>"),
        ]
    )


def test_escaping_is_django_s_for_every_kind_of_value():
    rng = random.Random(7)
    for _ in range(500):
        value = _values(rng)
        assert html_format.escape(value) == django_html.escape(value)
        assert isinstance(html_format.escape(value), SafeString)
        assert html_format.conditional_escape(value) == django_html.conditional_escape(value)


def test_formatting_and_joining_are_django_s():
    rng = random.Random(8)
    for _ in range(300):
        args = [_values(rng) for _ in range(3)]
        template = '<a href="{}" title="{}">{}</a>'
        ours, theirs = html_format.format_html(template, *args), django_html.format_html(template, *args)
        assert ours == theirs and isinstance(ours, SafeString)
        named = {"url": args[0], "label": args[1]}
        assert html_format.format_html('<a href="{url}">{label}</a>', **named) == django_html.format_html(
            '<a href="{url}">{label}</a>', **named
        )
        rows = [tuple(_values(rng) for _ in range(2)) for _ in range(rng.randint(0, 4))]
        separator = rng.choice(["", ", ", mark_safe("<br>"), "<&>"])
        assert html_format.format_html_join(
            separator, "<li>{} {}</li>", rows
        ) == django_html.format_html_join(separator, "<li>{} {}</li>", rows)
        mappings = [{"a": _values(rng)} for _ in range(2)]
        assert html_format.format_html_join("", "<i>{a}</i>", mappings) == django_html.format_html_join(
            "", "<i>{a}</i>", mappings
        )
