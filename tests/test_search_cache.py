"""What a search keeps per data version (archive.search.cache.per_data_version), inside a
transaction that has written: kept while nothing changes, and never an answer of another state."""

from django.db import transaction

import pytest

from archive.models import Organisation
from archive.search.cache import committed_data_version, per_data_version
from tests.factories import make_organisation

pytestmark = pytest.mark.django_db


def test_kept_in_a_written_transaction_until_it_writes_again_and_never_across_a_savepoint():
    builds = []

    def read():
        builds.append(1)
        return sorted(Organisation.objects.values_list("slug", flat=True))

    slugs = per_data_version(read)
    make_organisation("Alpha", slug="alpha")  # this test's transaction has written
    assert committed_data_version() is None  # so nothing of it goes to the page cache
    assert slugs() == slugs() == ["alpha"]
    assert len(builds) == 1  # kept while nothing is written

    with transaction.atomic():
        make_organisation("Beta", slug="beta")
        assert slugs() == ["alpha", "beta"]
        transaction.set_rollback(True)  # back to the savepoint: the version number goes back too
    with transaction.atomic():
        # The same version number as Beta's state, written by another subtransaction: not Beta's answer.
        make_organisation("Gamma", slug="gamma")
        assert slugs() == ["alpha", "gamma"]
    Organisation.objects.filter(slug="gamma").delete()
    assert slugs() == ["alpha"]
    assert len(builds) == 4
