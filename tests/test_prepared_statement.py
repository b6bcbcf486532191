"""The page of hits runs as a prepared statement beside Django's cursors (archive.search.hits):
it must fail as Django's statements fail, sit in Django's transaction, and be logged with its values."""

import django.db.utils
from django.db import connection, transaction
from django.db.transaction import TransactionManagementError
from django.test.utils import CaptureQueriesContext

import pytest

from archive.search.hits import _prepared

pytestmark = pytest.mark.django_db


def test_an_error_is_django_s_not_psycopg_s():
    with pytest.raises(django.db.utils.DataError), transaction.atomic():
        _prepared("SELECT 1 / %(zero)s::integer", {"zero": 0})


def test_it_refuses_to_run_in_a_broken_transaction_as_django_does():
    with transaction.atomic():
        with (
            pytest.raises(django.db.utils.DataError),
            transaction.atomic(savepoint=False),
            connection.cursor() as cursor,
        ):
            cursor.execute("SELECT 1 / 0")
        with pytest.raises(TransactionManagementError):
            _prepared("SELECT 1", {})


def test_it_sees_the_transaction_s_own_rows_and_is_logged_with_its_values():
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE prepared_probe (word text)")
        cursor.execute("INSERT INTO prepared_probe VALUES ('unwarranted')")
    with CaptureQueriesContext(connection) as captured:
        rows = _prepared("SELECT word FROM prepared_probe WHERE word = %(word)s", {"word": "unwarranted"})
    assert rows == [("unwarranted",)]
    assert [query["sql"] for query in captured.captured_queries] == [
        "SELECT word FROM prepared_probe WHERE word = 'unwarranted'"
    ]
