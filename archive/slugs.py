"""Unique slugs by suffixing ("hewitt-review", "hewitt-review-2", ...)."""

from django.utils.text import slugify

MAX_SLUG_LENGTH = 80


def unique_slug(model, text: str, *, instance_pk=None, field: str = "slug") -> str:
    base = slugify(text)[:MAX_SLUG_LENGTH].strip("-") or "untitled"
    taken = model._default_manager.filter(**{f"{field}__startswith": base})
    if instance_pk is not None:
        taken = taken.exclude(pk=instance_pk)
    taken_slugs = set(taken.values_list(field, flat=True))
    candidate, number = base, 2
    while candidate in taken_slugs:
        candidate = f"{base}-{number}"
        number += 1
    return candidate
