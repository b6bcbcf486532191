"""Triggers that keep a revision of every change to an article's or a comment's text.

They fire on every write path (ORM, bulk update, raw SQL). Existing rows get
their first revision here.
"""

from django.db import migrations

ARTICLE_TRIGGER = """
CREATE FUNCTION archive_article_revision() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT'
       OR NEW.title IS DISTINCT FROM OLD.title
       OR NEW.standfirst IS DISTINCT FROM OLD.standfirst
       OR NEW.body IS DISTINCT FROM OLD.body THEN
        INSERT INTO archive_articlerevision (article_id, number, title, standfirst, body, created_at)
        VALUES (
            NEW.id,
            COALESCE((SELECT max(number) FROM archive_articlerevision WHERE article_id = NEW.id), 0) + 1,
            NEW.title, NEW.standfirst, NEW.body, now()
        );
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER archive_article_revision AFTER INSERT OR UPDATE ON archive_article
    FOR EACH ROW EXECUTE FUNCTION archive_article_revision();
INSERT INTO archive_articlerevision (article_id, number, title, standfirst, body, created_at)
    SELECT id, 1, title, standfirst, body, updated_at FROM archive_article;
"""

COMMENT_TRIGGER = """
CREATE FUNCTION archive_comment_revision() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' OR NEW.body IS DISTINCT FROM OLD.body THEN
        INSERT INTO archive_commentrevision (comment_id, number, body, created_at)
        VALUES (
            NEW.id,
            COALESCE((SELECT max(number) FROM archive_commentrevision WHERE comment_id = NEW.id), 0) + 1,
            NEW.body, now()
        );
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER archive_comment_revision AFTER INSERT OR UPDATE ON archive_comment
    FOR EACH ROW EXECUTE FUNCTION archive_comment_revision();
INSERT INTO archive_commentrevision (comment_id, number, body, created_at)
    SELECT id, 1, body, created_at FROM archive_comment;
"""

DROP = """
DROP TRIGGER IF EXISTS archive_article_revision ON archive_article;
DROP FUNCTION IF EXISTS archive_article_revision();
DROP TRIGGER IF EXISTS archive_comment_revision ON archive_comment;
DROP FUNCTION IF EXISTS archive_comment_revision();
DELETE FROM archive_articlerevision;
DELETE FROM archive_commentrevision;
"""


class Migration(migrations.Migration):
    dependencies = [("archive", "0006_revisions")]

    operations = [migrations.RunSQL(ARTICLE_TRIGGER + COMMENT_TRIGGER, DROP)]
