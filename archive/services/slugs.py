"""Unique slugs by suffixing ("hewitt-review", "hewitt-review-2", ...), always within the column.

Every slug column is MAX_SLUG_LENGTH long; the base is cut short enough for its suffix, so a
second piece whose title fills the column gets "…-2" rather than a value the column refuses.
"""

from django.utils.text import slugify

MAX_SLUG_LENGTH = 80


def with_suffix(base: str, number: int, max_length: int = MAX_SLUG_LENGTH) -> str:
    """``base`` (number 1) or ``base-<number>``, cut at a word boundary's hyphen to fit ``max_length``."""
    suffix = "" if number == 1 else f"-{number}"
    return base[: max_length - len(suffix)].rstrip("-") + suffix


def unique_slug(
    model, text: str, *, instance_pk=None, field: str = "slug", also_taken: frozenset[str] = frozenset()
) -> str:
    """A slug for ``text`` that no other row (nor any of ``also_taken``) has, within the column."""
    max_length = min(MAX_SLUG_LENGTH, model._meta.get_field(field).max_length or MAX_SLUG_LENGTH)
    base = slugify(text)[:max_length].strip("-") or "untitled"
    # Every candidate starts with this much of the base, however long its suffix.
    stem = base[: max_length - len("-1000000000")]
    taken = model._default_manager.filter(**{f"{field}__startswith": stem})
    if instance_pk is not None:
        taken = taken.exclude(pk=instance_pk)
    taken_slugs = set(taken.values_list(field, flat=True)) | set(also_taken)
    number = 1
    while (candidate := with_suffix(base, number, max_length)) in taken_slugs:
        number += 1
    return candidate
