"""{{ data|ld_json }}: a dict as the body of <script type="application/ld+json">.

A JSON-LD block is data, not script: browsers never run it, so the strict CSP
(script-src 'self') does not apply to it (tests/test_reuse_browser.py checks
that no violation is reported). Its text must still not end the element early:
like Django's json_script, <, > and & are written as \\u escapes, so a comment
containing "</script>" stays inside the JSON.
"""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe

register = template.Library()

ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def ld_json(data) -> str:
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(ESCAPES)
    return mark_safe(text)  # noqa: S308 (escaped above)
