"""The triggers of migrations 0012 (data version) and 0013 (facet columns), declared in the models.

The hand-written triggers and their functions are dropped and the same behaviour
is installed from the models' ``Meta.triggers`` (archive.models.data_version,
archive.models.facet_columns), so that a change to them is a change to a model
that makemigrations sees. The counter table and the facet columns stay where
0012 and 0013 made them. Going back, the hand-written ones return, as 0012 and
0013 expect to find them.
"""

import importlib

import pgtrigger.compiler
import pgtrigger.migrations
from django.db import migrations, models

_data_version = importlib.import_module("archive.migrations.0012_data_version")
_facets = importlib.import_module("archive.migrations.0013_facet_columns")

DROP_HAND_WRITTEN = (
    "".join(f"DROP TRIGGER {table}_data_version ON {table};\n" for table in _data_version.TABLES)
    + "".join(f"DROP TRIGGER {name.split()[1]} ON {name.split()[0]};\n" for name in _facets.TRIGGER_NAMES)
    + """
DROP FUNCTION archive_bump_data_version();
DROP FUNCTION archive_mentions_changed();
DROP FUNCTION archive_authors_changed();
DROP FUNCTION archive_person_slug_changed();
DROP FUNCTION archive_refresh_article_facets(bigint[]);
DROP FUNCTION archive_refresh_comment_facets(bigint[]);
"""
)

RESTORE_HAND_WRITTEN = (
    """
CREATE FUNCTION archive_bump_data_version() RETURNS trigger AS $$
BEGIN
    UPDATE archive_dataversion SET version = version + 1 WHERE id = 1;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
"""
    + "".join(
        f"CREATE TRIGGER {table}_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
        "FOR EACH STATEMENT EXECUTE FUNCTION archive_bump_data_version();\n"
        for table in _data_version.TABLES
    )
    + _facets.REFRESH
    + _facets.TRIGGER_FUNCTIONS
    + _facets._triggers()
)


class Migration(migrations.Migration):

    dependencies = [
        ('archive', '0022_public_vocabulary'),
    ]

    operations = [
        migrations.RunSQL(DROP_HAND_WRITTEN, RESTORE_HAND_WRITTEN),
        migrations.CreateModel(
            name='DataVersion',
            fields=[
                ('id', models.IntegerField(primary_key=True, serialize=False)),
                ('version', models.BigIntegerField()),
            ],
            options={
                'db_table': 'archive_dataversion',
                'managed': False,
            },
        ),
        migrations.CreateModel(
            name='ArticleAuthor',
            fields=[
            ],
            options={
                'proxy': True,
                'indexes': [],
                'constraints': [],
            },
            bases=('archive.article_authors',),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='article',
            trigger=pgtrigger.compiler.Trigger(name='data_version', sql=pgtrigger.compiler.UpsertTriggerSql(func='UPDATE archive_dataversion SET version = version + 1 WHERE id = 1; RETURN NULL;', hash='2447a0ca4805e839909ca9fc78b1508103e4afed', level='STATEMENT', operation='INSERT OR UPDATE OR DELETE OR TRUNCATE', pgid='pgtrigger_data_version_d4920', table='archive_article', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='comment',
            trigger=pgtrigger.compiler.Trigger(name='data_version', sql=pgtrigger.compiler.UpsertTriggerSql(func='UPDATE archive_dataversion SET version = version + 1 WHERE id = 1; RETURN NULL;', hash='3e4015c4f741faaf6f7bfe6a845db76e62b6c9b8', level='STATEMENT', operation='INSERT OR UPDATE OR DELETE OR TRUNCATE', pgid='pgtrigger_data_version_95392', table='archive_comment', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='organisation',
            trigger=pgtrigger.compiler.Trigger(name='data_version', sql=pgtrigger.compiler.UpsertTriggerSql(func='UPDATE archive_dataversion SET version = version + 1 WHERE id = 1; RETURN NULL;', hash='67df9fe3e734e196a5e20f3f4575c37897b180a3', level='STATEMENT', operation='INSERT OR UPDATE OR DELETE OR TRUNCATE', pgid='pgtrigger_data_version_d0d3f', table='archive_organisation', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='organisationmention',
            trigger=pgtrigger.compiler.Trigger(name='facets_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func="UPDATE archive_article a\nSET facet_organisations = fresh.organisations, facet_terms = fresh.terms, facet_authors = fresh.authors\nFROM (\n    SELECT x.id,\n        ARRAY(SELECT DISTINCT m.organisation_id FROM archive_organisationmention m\n              WHERE m.article_id = x.id AND m.comment_id IS NULL AND m.status IN ('detected', 'confirmed', 'added')\n              ORDER BY 1) AS organisations,\n        ARRAY(SELECT DISTINCT m.term_id FROM archive_termmention m\n              WHERE m.article_id = x.id AND m.comment_id IS NULL AND m.status IN ('detected', 'confirmed', 'added')\n              ORDER BY 1) AS terms,\n        ARRAY(SELECT DISTINCT p.slug::text FROM archive_article_authors aa\n              JOIN archive_person p ON p.id = aa.person_id\n              WHERE aa.article_id = x.id ORDER BY 1) AS authors\n    FROM (SELECT DISTINCT article_id FROM new_rows WHERE comment_id IS NULL) AS x(id)\n) AS fresh\nWHERE a.id = fresh.id\n  AND (a.facet_organisations, a.facet_terms, a.facet_authors)\n      IS DISTINCT FROM (fresh.organisations, fresh.terms, fresh.authors);\nUPDATE archive_comment c\nSET facet_organisations = fresh.organisations, facet_terms = fresh.terms\nFROM (\n    SELECT x.id,\n        ARRAY(SELECT DISTINCT m.organisation_id FROM archive_organisationmention m\n              WHERE m.comment_id = x.id AND m.status IN ('detected', 'confirmed', 'added') ORDER BY 1) AS organisations,\n        ARRAY(SELECT DISTINCT m.term_id FROM archive_termmention m\n              WHERE m.comment_id = x.id AND m.status IN ('detected', 'confirmed', 'added') ORDER BY 1) AS terms\n    FROM (SELECT DISTINCT comment_id FROM new_rows WHERE comment_id IS NOT NULL) AS x(id)\n) AS fresh\nWHERE c.id = fresh.id\n  AND (c.facet_organisations, c.facet_terms) IS DISTINCT FROM (fresh.organisations, fresh.terms);\nRETURN NULL;", hash='9677a6cef1119982d45cf25d26ff688ed9a44ea6', level='STATEMENT', operation='INSERT', pgid='pgtrigger_facets_insert_b5cd3', referencing='REFERENCING NEW TABLE AS new_rows ', table='archive_organisationmention', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='organisationmention',
            trigger=pgtrigger.compiler.Trigger(name='facets_update', sql=pgtrigger.compiler.UpsertTriggerSql(func="UPDATE archive_article a\nSET facet_organisations = fresh.organisations, facet_terms = fresh.terms, facet_authors = fresh.authors\nFROM (\n    SELECT x.id,\n        ARRAY(SELECT DISTINCT m.organisation_id FROM archive_organisationmention m\n              WHERE m.article_id = x.id AND m.comment_id IS NULL AND m.status IN ('detected', 'confirmed', 'added')\n              ORDER BY 1) AS organisations,\n        ARRAY(SELECT DISTINCT m.term_id FROM archive_termmention m\n              WHERE m.article_id = x.id AND m.comment_id IS NULL AND m.status IN ('detected', 'confirmed', 'added')\n              ORDER BY 1) AS terms,\n        ARRAY(SELECT DISTINCT p.slug::text FROM archive_article_authors aa\n              JOIN archive_person p ON p.id = aa.person_id\n              WHERE aa.article_id = x.id ORDER BY 1) AS authors\n    FROM (SELECT DISTINCT article_id FROM new_rows WHERE comment_id IS NULL) AS x(id)\n) AS fresh\nWHERE a.id = fresh.id\n  AND (a.facet_organisations, a.facet_terms, a.facet_authors)\n      IS DISTINCT FROM (fresh.organisations, fresh.terms, fresh.authors);\nUPDATE archive_comment c\nSET facet_organisations = fresh.organisations, facet_terms = fresh.terms\nFROM (\n    SELECT x.id,\n        ARRAY(SELECT DISTINCT m.organisation_id FROM archive_organisationmention m\n              WHERE m.comment_id = x.id AND m.status IN ('detected', 'confirmed', 'added') ORDER BY 1) AS organisations,\n        ARRAY(SELECT DISTINCT m.term_id FROM archive_termmention m\n              WHERE m.comment_id = x.id AND m.status IN ('detected', 'confirmed', 'added') ORDER BY 1) AS terms\n    FROM (SELECT DISTINCT comment_id FROM new_rows WHERE comment_id IS NOT NULL) AS x(id)\n) AS fresh\nWHERE c.id = fresh.id\n  AND (c.facet_organisations, c.facet_terms) IS DISTINCT FROM (fresh.organisations, fresh.terms);\nUPDATE archive_article a\nSET facet_organisations = fresh.organisations, facet_terms = fresh.terms, facet_authors = fresh.authors\nFROM (\n    SELECT x.id,\n        ARRAY(SELECT DISTINCT m.organisation_id FROM archive_organisationmention m\n              WHERE m.article_id = x.id AND m.comment_id IS NULL AND m.status IN ('detected', 'confirmed', 'added')\n              ORDER BY 1) AS organisations,\n        ARRAY(SELECT DISTINCT m.term_id FROM archive_termmention m\n              WHERE m.article_id = x.id AND m.comment_id IS NULL AND m.status IN ('detected', 'confirmed', 'added')\n              ORDER BY 1) AS terms,\n        ARRAY(SELECT DISTINCT p.slug::text FROM archive_article_authors aa\n              JOIN archive_person p ON p.id = aa.person_id\n              WHERE aa.article_id = x.id ORDER BY 1) AS authors\n    FROM (SELECT DISTINCT article_id FROM old_rows WHERE comment_id IS NULL) AS x(id)\n) AS fresh\nWHERE a.id = fresh.id\n  AND (a.facet_organisations, a.facet_terms, a.facet_authors)\n      IS DISTINCT FROM (fresh.organisations, fresh.terms, fresh.authors);\nUPDATE archive_comment c\nSET facet_organisations = fresh.organisations, facet_terms = fresh.terms\nFROM (\n    SELECT x.id,\n        ARRAY(SELECT DISTINCT m.organisation_id FROM archive_organisationmention m\n              WHERE m.comment_id = x.id AND m.status IN ('detected', 'confirmed', 'added') ORDER BY 1) AS organisations,\n        ARRAY(SELECT DISTINCT m.term_id FROM archive_termmention m\n              WHERE m.comment_id = x.id AND m.status IN ('detected', 'confirmed', 'added') ORDER BY 1) AS terms\n    FROM (SELECT DISTINCT comment_id FROM old_rows WHERE comment_id IS NOT NULL) AS x(id)\n) AS fresh\nWHERE c.id = fresh.id\n  AND (c.facet_organisations, c.facet_terms) IS DISTINCT FROM (fresh.organisations, fresh.terms);\nRETURN NULL;", hash='f0ddcf8249b52910b94cef71db8251ca5f863d01', level='STATEMENT', operation='UPDATE', pgid='pgtrigger_facets_update_2bfe4', referencing='REFERENCING OLD TABLE AS old_rows  NEW TABLE AS new_rows ', table='archive_organisationmention', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='organisationmention',
            trigger=pgtrigger.compiler.Trigger(name='facets_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func="UPDATE archive_article a\nSET facet_organisations = fresh.organisations, facet_terms = fresh.terms, facet_authors = fresh.authors\nFROM (\n    SELECT x.id,\n        ARRAY(SELECT DISTINCT m.organisation_id FROM archive_organisationmention m\n              WHERE m.article_id = x.id AND m.comment_id IS NULL AND m.status IN ('detected', 'confirmed', 'added')\n              ORDER BY 1) AS organisations,\n        ARRAY(SELECT DISTINCT m.term_id FROM archive_termmention m\n              WHERE m.article_id = x.id AND m.comment_id IS NULL AND m.status IN ('detected', 'confirmed', 'added')\n              ORDER BY 1) AS terms,\n        ARRAY(SELECT DISTINCT p.slug::text FROM archive_article_authors aa\n              JOIN archive_person p ON p.id = aa.person_id\n              WHERE aa.article_id = x.id ORDER BY 1) AS authors\n    FROM (SELECT DISTINCT article_id FROM old_rows WHERE comment_id IS NULL) AS x(id)\n) AS fresh\nWHERE a.id = fresh.id\n  AND (a.facet_organisations, a.facet_terms, a.facet_authors)\n      IS DISTINCT FROM (fresh.organisations, fresh.terms, fresh.authors);\nUPDATE archive_comment c\nSET facet_organisations = fresh.organisations, facet_terms = fresh.terms\nFROM (\n    SELECT x.id,\n        ARRAY(SELECT DISTINCT m.organisation_id FROM archive_organisationmention m\n              WHERE m.comment_id = x.id AND m.status IN ('detected', 'confirmed', 'added') ORDER BY 1) AS organisations,\n        ARRAY(SELECT DISTINCT m.term_id FROM archive_termmention m\n              WHERE m.comment_id = x.id AND m.status IN ('detected', 'confirmed', 'added') ORDER BY 1) AS terms\n    FROM (SELECT DISTINCT comment_id FROM old_rows WHERE comment_id IS NOT NULL) AS x(id)\n) AS fresh\nWHERE c.id = fresh.id\n  AND (c.facet_organisations, c.facet_terms) IS DISTINCT FROM (fresh.organisations, fresh.terms);\nRETURN NULL;", hash='fd70f0a2df8c458269f0bf8ada1ed367c583a08d', level='STATEMENT', operation='DELETE', pgid='pgtrigger_facets_delete_30b91', referencing='REFERENCING OLD TABLE AS old_rows ', table='archive_organisationmention', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='organisationmention',
            trigger=pgtrigger.compiler.Trigger(name='data_version', sql=pgtrigger.compiler.UpsertTriggerSql(func='UPDATE archive_dataversion SET version = version + 1 WHERE id = 1; RETURN NULL;', hash='542cd80be92943b01d1e6971859fa819f229946b', level='STATEMENT', operation='INSERT OR UPDATE OR DELETE OR TRUNCATE', pgid='pgtrigger_data_version_b90f5', table='archive_organisationmention', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='person',
            trigger=pgtrigger.compiler.Trigger(name='facets_update', sql=pgtrigger.compiler.UpsertTriggerSql(func="UPDATE archive_article a\nSET facet_organisations = fresh.organisations, facet_terms = fresh.terms, facet_authors = fresh.authors\nFROM (\n    SELECT x.id,\n        ARRAY(SELECT DISTINCT m.organisation_id FROM archive_organisationmention m\n              WHERE m.article_id = x.id AND m.comment_id IS NULL AND m.status IN ('detected', 'confirmed', 'added')\n              ORDER BY 1) AS organisations,\n        ARRAY(SELECT DISTINCT m.term_id FROM archive_termmention m\n              WHERE m.article_id = x.id AND m.comment_id IS NULL AND m.status IN ('detected', 'confirmed', 'added')\n              ORDER BY 1) AS terms,\n        ARRAY(SELECT DISTINCT p.slug::text FROM archive_article_authors aa\n              JOIN archive_person p ON p.id = aa.person_id\n              WHERE aa.article_id = x.id ORDER BY 1) AS authors\n    FROM (SELECT DISTINCT aa.article_id FROM archive_article_authors aa JOIN new_rows ON new_rows.id = aa.person_id JOIN old_rows ON old_rows.id = new_rows.id WHERE new_rows.slug IS DISTINCT FROM old_rows.slug) AS x(id)\n) AS fresh\nWHERE a.id = fresh.id\n  AND (a.facet_organisations, a.facet_terms, a.facet_authors)\n      IS DISTINCT FROM (fresh.organisations, fresh.terms, fresh.authors);\nRETURN NULL;", hash='6c4b873fba7a5a0f6a336b6c4ec3da89acc2f9e2', level='STATEMENT', operation='UPDATE', pgid='pgtrigger_facets_update_04cfe', referencing='REFERENCING OLD TABLE AS old_rows  NEW TABLE AS new_rows ', table='archive_person', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='person',
            trigger=pgtrigger.compiler.Trigger(name='data_version', sql=pgtrigger.compiler.UpsertTriggerSql(func='UPDATE archive_dataversion SET version = version + 1 WHERE id = 1; RETURN NULL;', hash='16eea6572b43f0b99d61b8173cc089f0bce735b9', level='STATEMENT', operation='INSERT OR UPDATE OR DELETE OR TRUNCATE', pgid='pgtrigger_data_version_14579', table='archive_person', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='policyterm',
            trigger=pgtrigger.compiler.Trigger(name='data_version', sql=pgtrigger.compiler.UpsertTriggerSql(func='UPDATE archive_dataversion SET version = version + 1 WHERE id = 1; RETURN NULL;', hash='c35417df20f0f3d4ecb877040e4cbd49760f92a3', level='STATEMENT', operation='INSERT OR UPDATE OR DELETE OR TRUNCATE', pgid='pgtrigger_data_version_4f548', table='archive_policyterm', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='publication',
            trigger=pgtrigger.compiler.Trigger(name='data_version', sql=pgtrigger.compiler.UpsertTriggerSql(func='UPDATE archive_dataversion SET version = version + 1 WHERE id = 1; RETURN NULL;', hash='3682095c07bae4cc73d4d56e4b3eb1927312e4bc', level='STATEMENT', operation='INSERT OR UPDATE OR DELETE OR TRUNCATE', pgid='pgtrigger_data_version_568dc', table='archive_publication', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='termmention',
            trigger=pgtrigger.compiler.Trigger(name='facets_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func="UPDATE archive_article a\nSET facet_organisations = fresh.organisations, facet_terms = fresh.terms, facet_authors = fresh.authors\nFROM (\n    SELECT x.id,\n        ARRAY(SELECT DISTINCT m.organisation_id FROM archive_organisationmention m\n              WHERE m.article_id = x.id AND m.comment_id IS NULL AND m.status IN ('detected', 'confirmed', 'added')\n              ORDER BY 1) AS organisations,\n        ARRAY(SELECT DISTINCT m.term_id FROM archive_termmention m\n              WHERE m.article_id = x.id AND m.comment_id IS NULL AND m.status IN ('detected', 'confirmed', 'added')\n              ORDER BY 1) AS terms,\n        ARRAY(SELECT DISTINCT p.slug::text FROM archive_article_authors aa\n              JOIN archive_person p ON p.id = aa.person_id\n              WHERE aa.article_id = x.id ORDER BY 1) AS authors\n    FROM (SELECT DISTINCT article_id FROM new_rows WHERE comment_id IS NULL) AS x(id)\n) AS fresh\nWHERE a.id = fresh.id\n  AND (a.facet_organisations, a.facet_terms, a.facet_authors)\n      IS DISTINCT FROM (fresh.organisations, fresh.terms, fresh.authors);\nUPDATE archive_comment c\nSET facet_organisations = fresh.organisations, facet_terms = fresh.terms\nFROM (\n    SELECT x.id,\n        ARRAY(SELECT DISTINCT m.organisation_id FROM archive_organisationmention m\n              WHERE m.comment_id = x.id AND m.status IN ('detected', 'confirmed', 'added') ORDER BY 1) AS organisations,\n        ARRAY(SELECT DISTINCT m.term_id FROM archive_termmention m\n              WHERE m.comment_id = x.id AND m.status IN ('detected', 'confirmed', 'added') ORDER BY 1) AS terms\n    FROM (SELECT DISTINCT comment_id FROM new_rows WHERE comment_id IS NOT NULL) AS x(id)\n) AS fresh\nWHERE c.id = fresh.id\n  AND (c.facet_organisations, c.facet_terms) IS DISTINCT FROM (fresh.organisations, fresh.terms);\nRETURN NULL;", hash='c2a61af4ca70b68413f19ea3d328fca0d6fdbcb4', level='STATEMENT', operation='INSERT', pgid='pgtrigger_facets_insert_6aecf', referencing='REFERENCING NEW TABLE AS new_rows ', table='archive_termmention', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='termmention',
            trigger=pgtrigger.compiler.Trigger(name='facets_update', sql=pgtrigger.compiler.UpsertTriggerSql(func="UPDATE archive_article a\nSET facet_organisations = fresh.organisations, facet_terms = fresh.terms, facet_authors = fresh.authors\nFROM (\n    SELECT x.id,\n        ARRAY(SELECT DISTINCT m.organisation_id FROM archive_organisationmention m\n              WHERE m.article_id = x.id AND m.comment_id IS NULL AND m.status IN ('detected', 'confirmed', 'added')\n              ORDER BY 1) AS organisations,\n        ARRAY(SELECT DISTINCT m.term_id FROM archive_termmention m\n              WHERE m.article_id = x.id AND m.comment_id IS NULL AND m.status IN ('detected', 'confirmed', 'added')\n              ORDER BY 1) AS terms,\n        ARRAY(SELECT DISTINCT p.slug::text FROM archive_article_authors aa\n              JOIN archive_person p ON p.id = aa.person_id\n              WHERE aa.article_id = x.id ORDER BY 1) AS authors\n    FROM (SELECT DISTINCT article_id FROM new_rows WHERE comment_id IS NULL) AS x(id)\n) AS fresh\nWHERE a.id = fresh.id\n  AND (a.facet_organisations, a.facet_terms, a.facet_authors)\n      IS DISTINCT FROM (fresh.organisations, fresh.terms, fresh.authors);\nUPDATE archive_comment c\nSET facet_organisations = fresh.organisations, facet_terms = fresh.terms\nFROM (\n    SELECT x.id,\n        ARRAY(SELECT DISTINCT m.organisation_id FROM archive_organisationmention m\n              WHERE m.comment_id = x.id AND m.status IN ('detected', 'confirmed', 'added') ORDER BY 1) AS organisations,\n        ARRAY(SELECT DISTINCT m.term_id FROM archive_termmention m\n              WHERE m.comment_id = x.id AND m.status IN ('detected', 'confirmed', 'added') ORDER BY 1) AS terms\n    FROM (SELECT DISTINCT comment_id FROM new_rows WHERE comment_id IS NOT NULL) AS x(id)\n) AS fresh\nWHERE c.id = fresh.id\n  AND (c.facet_organisations, c.facet_terms) IS DISTINCT FROM (fresh.organisations, fresh.terms);\nUPDATE archive_article a\nSET facet_organisations = fresh.organisations, facet_terms = fresh.terms, facet_authors = fresh.authors\nFROM (\n    SELECT x.id,\n        ARRAY(SELECT DISTINCT m.organisation_id FROM archive_organisationmention m\n              WHERE m.article_id = x.id AND m.comment_id IS NULL AND m.status IN ('detected', 'confirmed', 'added')\n              ORDER BY 1) AS organisations,\n        ARRAY(SELECT DISTINCT m.term_id FROM archive_termmention m\n              WHERE m.article_id = x.id AND m.comment_id IS NULL AND m.status IN ('detected', 'confirmed', 'added')\n              ORDER BY 1) AS terms,\n        ARRAY(SELECT DISTINCT p.slug::text FROM archive_article_authors aa\n              JOIN archive_person p ON p.id = aa.person_id\n              WHERE aa.article_id = x.id ORDER BY 1) AS authors\n    FROM (SELECT DISTINCT article_id FROM old_rows WHERE comment_id IS NULL) AS x(id)\n) AS fresh\nWHERE a.id = fresh.id\n  AND (a.facet_organisations, a.facet_terms, a.facet_authors)\n      IS DISTINCT FROM (fresh.organisations, fresh.terms, fresh.authors);\nUPDATE archive_comment c\nSET facet_organisations = fresh.organisations, facet_terms = fresh.terms\nFROM (\n    SELECT x.id,\n        ARRAY(SELECT DISTINCT m.organisation_id FROM archive_organisationmention m\n              WHERE m.comment_id = x.id AND m.status IN ('detected', 'confirmed', 'added') ORDER BY 1) AS organisations,\n        ARRAY(SELECT DISTINCT m.term_id FROM archive_termmention m\n              WHERE m.comment_id = x.id AND m.status IN ('detected', 'confirmed', 'added') ORDER BY 1) AS terms\n    FROM (SELECT DISTINCT comment_id FROM old_rows WHERE comment_id IS NOT NULL) AS x(id)\n) AS fresh\nWHERE c.id = fresh.id\n  AND (c.facet_organisations, c.facet_terms) IS DISTINCT FROM (fresh.organisations, fresh.terms);\nRETURN NULL;", hash='48ff79b6f0b2312bcb98ee66bb3da0fdf4fb3473', level='STATEMENT', operation='UPDATE', pgid='pgtrigger_facets_update_e8fd9', referencing='REFERENCING OLD TABLE AS old_rows  NEW TABLE AS new_rows ', table='archive_termmention', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='termmention',
            trigger=pgtrigger.compiler.Trigger(name='facets_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func="UPDATE archive_article a\nSET facet_organisations = fresh.organisations, facet_terms = fresh.terms, facet_authors = fresh.authors\nFROM (\n    SELECT x.id,\n        ARRAY(SELECT DISTINCT m.organisation_id FROM archive_organisationmention m\n              WHERE m.article_id = x.id AND m.comment_id IS NULL AND m.status IN ('detected', 'confirmed', 'added')\n              ORDER BY 1) AS organisations,\n        ARRAY(SELECT DISTINCT m.term_id FROM archive_termmention m\n              WHERE m.article_id = x.id AND m.comment_id IS NULL AND m.status IN ('detected', 'confirmed', 'added')\n              ORDER BY 1) AS terms,\n        ARRAY(SELECT DISTINCT p.slug::text FROM archive_article_authors aa\n              JOIN archive_person p ON p.id = aa.person_id\n              WHERE aa.article_id = x.id ORDER BY 1) AS authors\n    FROM (SELECT DISTINCT article_id FROM old_rows WHERE comment_id IS NULL) AS x(id)\n) AS fresh\nWHERE a.id = fresh.id\n  AND (a.facet_organisations, a.facet_terms, a.facet_authors)\n      IS DISTINCT FROM (fresh.organisations, fresh.terms, fresh.authors);\nUPDATE archive_comment c\nSET facet_organisations = fresh.organisations, facet_terms = fresh.terms\nFROM (\n    SELECT x.id,\n        ARRAY(SELECT DISTINCT m.organisation_id FROM archive_organisationmention m\n              WHERE m.comment_id = x.id AND m.status IN ('detected', 'confirmed', 'added') ORDER BY 1) AS organisations,\n        ARRAY(SELECT DISTINCT m.term_id FROM archive_termmention m\n              WHERE m.comment_id = x.id AND m.status IN ('detected', 'confirmed', 'added') ORDER BY 1) AS terms\n    FROM (SELECT DISTINCT comment_id FROM old_rows WHERE comment_id IS NOT NULL) AS x(id)\n) AS fresh\nWHERE c.id = fresh.id\n  AND (c.facet_organisations, c.facet_terms) IS DISTINCT FROM (fresh.organisations, fresh.terms);\nRETURN NULL;", hash='be32443a2ecca4031877a2a4aaade16a19bb85b1', level='STATEMENT', operation='DELETE', pgid='pgtrigger_facets_delete_0c013', referencing='REFERENCING OLD TABLE AS old_rows ', table='archive_termmention', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='termmention',
            trigger=pgtrigger.compiler.Trigger(name='data_version', sql=pgtrigger.compiler.UpsertTriggerSql(func='UPDATE archive_dataversion SET version = version + 1 WHERE id = 1; RETURN NULL;', hash='e025aa8642f0fa97236992b4aca5f888b129b85f', level='STATEMENT', operation='INSERT OR UPDATE OR DELETE OR TRUNCATE', pgid='pgtrigger_data_version_58992', table='archive_termmention', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='articleauthor',
            trigger=pgtrigger.compiler.Trigger(name='facets_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func="UPDATE archive_article a\nSET facet_organisations = fresh.organisations, facet_terms = fresh.terms, facet_authors = fresh.authors\nFROM (\n    SELECT x.id,\n        ARRAY(SELECT DISTINCT m.organisation_id FROM archive_organisationmention m\n              WHERE m.article_id = x.id AND m.comment_id IS NULL AND m.status IN ('detected', 'confirmed', 'added')\n              ORDER BY 1) AS organisations,\n        ARRAY(SELECT DISTINCT m.term_id FROM archive_termmention m\n              WHERE m.article_id = x.id AND m.comment_id IS NULL AND m.status IN ('detected', 'confirmed', 'added')\n              ORDER BY 1) AS terms,\n        ARRAY(SELECT DISTINCT p.slug::text FROM archive_article_authors aa\n              JOIN archive_person p ON p.id = aa.person_id\n              WHERE aa.article_id = x.id ORDER BY 1) AS authors\n    FROM (SELECT DISTINCT article_id FROM new_rows) AS x(id)\n) AS fresh\nWHERE a.id = fresh.id\n  AND (a.facet_organisations, a.facet_terms, a.facet_authors)\n      IS DISTINCT FROM (fresh.organisations, fresh.terms, fresh.authors);\nRETURN NULL;", hash='d0a15aa1be4c5ada70a2ea424dc15c7bf6b0f522', level='STATEMENT', operation='INSERT', pgid='pgtrigger_facets_insert_c001d', referencing='REFERENCING NEW TABLE AS new_rows ', table='archive_article_authors', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='articleauthor',
            trigger=pgtrigger.compiler.Trigger(name='facets_update', sql=pgtrigger.compiler.UpsertTriggerSql(func="UPDATE archive_article a\nSET facet_organisations = fresh.organisations, facet_terms = fresh.terms, facet_authors = fresh.authors\nFROM (\n    SELECT x.id,\n        ARRAY(SELECT DISTINCT m.organisation_id FROM archive_organisationmention m\n              WHERE m.article_id = x.id AND m.comment_id IS NULL AND m.status IN ('detected', 'confirmed', 'added')\n              ORDER BY 1) AS organisations,\n        ARRAY(SELECT DISTINCT m.term_id FROM archive_termmention m\n              WHERE m.article_id = x.id AND m.comment_id IS NULL AND m.status IN ('detected', 'confirmed', 'added')\n              ORDER BY 1) AS terms,\n        ARRAY(SELECT DISTINCT p.slug::text FROM archive_article_authors aa\n              JOIN archive_person p ON p.id = aa.person_id\n              WHERE aa.article_id = x.id ORDER BY 1) AS authors\n    FROM (SELECT DISTINCT article_id FROM new_rows) AS x(id)\n) AS fresh\nWHERE a.id = fresh.id\n  AND (a.facet_organisations, a.facet_terms, a.facet_authors)\n      IS DISTINCT FROM (fresh.organisations, fresh.terms, fresh.authors);\nUPDATE archive_article a\nSET facet_organisations = fresh.organisations, facet_terms = fresh.terms, facet_authors = fresh.authors\nFROM (\n    SELECT x.id,\n        ARRAY(SELECT DISTINCT m.organisation_id FROM archive_organisationmention m\n              WHERE m.article_id = x.id AND m.comment_id IS NULL AND m.status IN ('detected', 'confirmed', 'added')\n              ORDER BY 1) AS organisations,\n        ARRAY(SELECT DISTINCT m.term_id FROM archive_termmention m\n              WHERE m.article_id = x.id AND m.comment_id IS NULL AND m.status IN ('detected', 'confirmed', 'added')\n              ORDER BY 1) AS terms,\n        ARRAY(SELECT DISTINCT p.slug::text FROM archive_article_authors aa\n              JOIN archive_person p ON p.id = aa.person_id\n              WHERE aa.article_id = x.id ORDER BY 1) AS authors\n    FROM (SELECT DISTINCT article_id FROM old_rows) AS x(id)\n) AS fresh\nWHERE a.id = fresh.id\n  AND (a.facet_organisations, a.facet_terms, a.facet_authors)\n      IS DISTINCT FROM (fresh.organisations, fresh.terms, fresh.authors);\nRETURN NULL;", hash='c12a5e71f370d6e298b96fc7fd2c06f803ee5099', level='STATEMENT', operation='UPDATE', pgid='pgtrigger_facets_update_37755', referencing='REFERENCING OLD TABLE AS old_rows  NEW TABLE AS new_rows ', table='archive_article_authors', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='articleauthor',
            trigger=pgtrigger.compiler.Trigger(name='facets_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func="UPDATE archive_article a\nSET facet_organisations = fresh.organisations, facet_terms = fresh.terms, facet_authors = fresh.authors\nFROM (\n    SELECT x.id,\n        ARRAY(SELECT DISTINCT m.organisation_id FROM archive_organisationmention m\n              WHERE m.article_id = x.id AND m.comment_id IS NULL AND m.status IN ('detected', 'confirmed', 'added')\n              ORDER BY 1) AS organisations,\n        ARRAY(SELECT DISTINCT m.term_id FROM archive_termmention m\n              WHERE m.article_id = x.id AND m.comment_id IS NULL AND m.status IN ('detected', 'confirmed', 'added')\n              ORDER BY 1) AS terms,\n        ARRAY(SELECT DISTINCT p.slug::text FROM archive_article_authors aa\n              JOIN archive_person p ON p.id = aa.person_id\n              WHERE aa.article_id = x.id ORDER BY 1) AS authors\n    FROM (SELECT DISTINCT article_id FROM old_rows) AS x(id)\n) AS fresh\nWHERE a.id = fresh.id\n  AND (a.facet_organisations, a.facet_terms, a.facet_authors)\n      IS DISTINCT FROM (fresh.organisations, fresh.terms, fresh.authors);\nRETURN NULL;", hash='c656822f52d49fb441008f585033a75195668d53', level='STATEMENT', operation='DELETE', pgid='pgtrigger_facets_delete_d192a', referencing='REFERENCING OLD TABLE AS old_rows ', table='archive_article_authors', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='articleauthor',
            trigger=pgtrigger.compiler.Trigger(name='data_version', sql=pgtrigger.compiler.UpsertTriggerSql(func='UPDATE archive_dataversion SET version = version + 1 WHERE id = 1; RETURN NULL;', hash='e877a969c98c95f971b5536e8f719db7dc1a9220', level='STATEMENT', operation='INSERT OR UPDATE OR DELETE OR TRUNCATE', pgid='pgtrigger_data_version_9fb5f', table='archive_article_authors', when='AFTER')),
        ),
    ]
