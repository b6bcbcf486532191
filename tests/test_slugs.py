"""Slugs stay unique within their column's length, however long the title (issue 17)."""

import pytest

from archive.models import Article, Person, SlugRedirect
from archive.services.importer import PieceMetadata, import_source
from archive.services.slugs import MAX_SLUG_LENGTH, unique_slug, with_suffix
from tests.factories import INVENTED_PASTE, make_article, make_person

pytestmark = pytest.mark.django_db

LONG_TITLE = "Integrated care boards tell practices in Nowhereshire to cut referrals again and again"


def test_the_suffix_fits_in_the_column():
    base = "a" * 78 + "-b"
    assert with_suffix(base, 1) == base and len(base) == MAX_SLUG_LENGTH
    assert with_suffix(base, 2) == "a" * 78 + "-2"  # cut short, and never "--2"
    assert with_suffix(base, 1234) == "a" * 75 + "-1234"


def test_a_second_row_with_an_80_character_slug_gets_a_suffix_that_fits():
    first = make_person("xy " * 50, slug=unique_slug(Person, "xy " * 50))
    second = unique_slug(Person, "xy " * 50)
    assert len(first.slug) >= MAX_SLUG_LENGTH - 2 and len(second) <= MAX_SLUG_LENGTH
    assert second != first.slug and second.endswith("-2")
    make_person("z", slug=second)
    assert unique_slug(Person, "xy " * 50).endswith("-3")


def test_importing_two_pieces_whose_titles_fill_the_column(tmp_path):
    assert len(unique_slug(Article, LONG_TITLE)) == MAX_SLUG_LENGTH
    paste = INVENTED_PASTE.replace("Nowhereshire ICB tells practices to cut referrals", LONG_TITLE)
    for publication in ("The Practice Gazette", "Another Gazette"):  # two different pieces
        import_source(paste + f"\n\nFirst printed in {publication}.", PieceMetadata(publication=publication))
    slugs = set(Article.objects.values_list("slug", flat=True))
    base = "integrated-care-boards-tell-practices-in-nowhereshire-to-cut-referrals-again-and"
    assert len(base) == MAX_SLUG_LENGTH and slugs == {base, with_suffix(base, 2)}
    assert all(len(slug) <= MAX_SLUG_LENGTH for slug in slugs)


def test_an_old_address_is_never_reused():
    article = make_article("Old name", slug="the-name")
    SlugRedirect.objects.create(article=article, old_slug="taken-before")
    assert unique_slug(Article, "taken before", also_taken=frozenset({"taken-before"})) == "taken-before-2"
