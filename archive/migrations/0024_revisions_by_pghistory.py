"""Revisions written by django-pghistory, in the tables and with the numbers they always had.

Migration 0007's hand-written triggers are dropped; ArticleRevision and CommentRevision
become pghistory event models (archive.models.revisions) on the same tables: the
revision's object, time and id columns take pghistory's names (pgh_obj_id,
pgh_created_at, pgh_id), and each gains pghistory's label and context (who made the
change and through which request, archive.history). No row moves: every revision keeps
its id, which the quotes' foreign keys hold, and its number, which quote pages and
/revisions/<n>/ links name. A revision's number is given by a trigger on its own table.
Existing revisions are labelled as pghistory would have labelled them (the first of an
article or comment "insert", the others "update"); they have no context, as nobody was
recorded then.
"""

import importlib

import django.db.models.deletion
import pgtrigger.compiler
import pgtrigger.migrations
from django.db import migrations, models

_revisions = importlib.import_module("archive.migrations.0007_revision_triggers")

DROP_HAND_WRITTEN = """
DROP TRIGGER archive_article_revision ON archive_article;
DROP FUNCTION archive_article_revision();
DROP TRIGGER archive_comment_revision ON archive_comment;
DROP FUNCTION archive_comment_revision();
"""
# Going back: 0007's triggers again, without its first fill (the rows are all still there).
RESTORE_HAND_WRITTEN = (
    _revisions.ARTICLE_TRIGGER.rsplit("INSERT INTO", 1)[0] + _revisions.COMMENT_TRIGGER.rsplit("INSERT INTO", 1)[0]
)

LABEL = """
UPDATE archive_articlerevision SET pgh_label = CASE WHEN number = 1 THEN 'insert' ELSE 'update' END;
UPDATE archive_commentrevision SET pgh_label = CASE WHEN number = 1 THEN 'insert' ELSE 'update' END;
"""


def _take_over(model: str, tracked: str, constraint: str) -> list:
    return [
        migrations.RemoveConstraint(model_name=model, name=constraint),
        migrations.RenameField(model_name=model, old_name="id", new_name="pgh_id"),
        migrations.AlterField(model_name=model, name="pgh_id", field=models.BigAutoField(primary_key=True, serialize=False)),
        migrations.RenameField(model_name=model, old_name=tracked, new_name="pgh_obj"),
        migrations.AlterField(
            model_name=model,
            name="pgh_obj",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="revisions", to=f"archive.{tracked}"
            ),
        ),
        migrations.RenameField(model_name=model, old_name="created_at", new_name="pgh_created_at"),
        migrations.AlterField(model_name=model, name="pgh_created_at", field=models.DateTimeField(auto_now_add=True)),
        migrations.AlterField(model_name=model, name="number", field=models.PositiveIntegerField(editable=False)),
        migrations.AddField(
            model_name=model,
            name="pgh_label",
            field=models.TextField(default="update", help_text="The event label."),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name=model,
            name="pgh_context",
            field=models.ForeignKey(
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="pghistory.context",
            ),
        ),
        migrations.AlterModelOptions(name=model, options={"ordering": ["pgh_obj", "-number"]}),
        migrations.AddConstraint(
            model_name=model,
            constraint=models.UniqueConstraint(fields=("pgh_obj", "number"), name=constraint),
        ),
    ]


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0023_declared_triggers"),
        ("pghistory", "0007_auto_20250421_0444"),
    ]

    operations = [
        migrations.RunSQL(DROP_HAND_WRITTEN, RESTORE_HAND_WRITTEN),
        *_take_over("articlerevision", "article", "unique_article_revision"),
        *_take_over("commentrevision", "comment", "unique_comment_revision"),
        migrations.RunSQL(LABEL, migrations.RunSQL.noop),
        # The triggers declared by the models: pghistory's on the tracked tables, the numbering on the
        # revision tables (and the text field's help, copied from the article by pghistory).
        migrations.AlterField(
            model_name='articlerevision',
            name='body',
            field=models.TextField(help_text="Plain text. Blank lines separate paragraphs; a line starting '## ' is a sub-heading, '- ' a bullet, '1. ' a numbered item."),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='article',
            trigger=pgtrigger.compiler.Trigger(name='revision_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "archive_articlerevision" ("body", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "standfirst", "title") VALUES (NEW."body", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."standfirst", NEW."title"); RETURN NULL;', hash='14707f79d503780606bed4d5a6fc7603380afdb4', operation='INSERT', pgid='pgtrigger_revision_insert_ac792', table='archive_article', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='article',
            trigger=pgtrigger.compiler.Trigger(name='revision_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD."body" IS DISTINCT FROM (NEW."body") OR OLD."standfirst" IS DISTINCT FROM (NEW."standfirst") OR OLD."title" IS DISTINCT FROM (NEW."title"))', func='INSERT INTO "archive_articlerevision" ("body", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "standfirst", "title") VALUES (NEW."body", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."standfirst", NEW."title"); RETURN NULL;', hash='7ff9ae49a7d73607ca6578072506b8ab5a41a286', operation='UPDATE', pgid='pgtrigger_revision_update_917b1', table='archive_article', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='articlerevision',
            trigger=pgtrigger.compiler.Trigger(name='revision_number', sql=pgtrigger.compiler.UpsertTriggerSql(func='IF NEW.number IS NULL THEN NEW.number := COALESCE((SELECT max(number) FROM archive_articlerevision WHERE pgh_obj_id = NEW.pgh_obj_id), 0) + 1; END IF;\nRETURN NEW;', hash='12d3a5f56649d9af93028475ed444464e0802fff', operation='INSERT', pgid='pgtrigger_revision_number_81796', table='archive_articlerevision', when='BEFORE')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='comment',
            trigger=pgtrigger.compiler.Trigger(name='revision_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "archive_commentrevision" ("body", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id") VALUES (NEW."body", _pgh_attach_context(), NOW(), \'insert\', NEW."id"); RETURN NULL;', hash='eb4eec29071b49c862bab224d875ed8ec58fab9a', operation='INSERT', pgid='pgtrigger_revision_insert_dc7e5', table='archive_comment', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='comment',
            trigger=pgtrigger.compiler.Trigger(name='revision_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD."body" IS DISTINCT FROM (NEW."body"))', func='INSERT INTO "archive_commentrevision" ("body", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id") VALUES (NEW."body", _pgh_attach_context(), NOW(), \'update\', NEW."id"); RETURN NULL;', hash='e3f6c7c293d1a914e1318d0c6288b992a19a2e42', operation='UPDATE', pgid='pgtrigger_revision_update_d7678', table='archive_comment', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='commentrevision',
            trigger=pgtrigger.compiler.Trigger(name='revision_number', sql=pgtrigger.compiler.UpsertTriggerSql(func='IF NEW.number IS NULL THEN NEW.number := COALESCE((SELECT max(number) FROM archive_commentrevision WHERE pgh_obj_id = NEW.pgh_obj_id), 0) + 1; END IF;\nRETURN NEW;', hash='3a9103708f67458c3d822f80a43f2a2cafafaefb', operation='INSERT', pgid='pgtrigger_revision_number_55b35', table='archive_commentrevision', when='BEFORE')),
        ),
    ]
