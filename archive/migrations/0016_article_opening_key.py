import hashlib
import re

from django.db import migrations, models

# A copy of archive.identity.opening_key as it was written, over the stored body's blocks:
# a migration must keep doing what it did when later code changes.
_WORD = re.compile(r"\w+")
_MARKUP = re.compile(r"^(?:## |- |\d{1,3}\.\s+)")


def opening_key(standfirst, body):
    blocks = [_MARKUP.sub("", chunk.strip()) for chunk in re.split(r"\n\s*\n", body) if chunk.strip()]
    opening = _WORD.findall(f"{standfirst} {' '.join(blocks)}".lower())[:30]
    if len(opening) < 8:
        return ""
    return hashlib.sha256(" ".join(opening).encode()).hexdigest()[:32]


def fill_opening_keys(apps, schema_editor):
    Article = apps.get_model("archive", "Article")
    batch = []
    for article in Article.objects.only("pk", "standfirst", "body").iterator(chunk_size=2000):
        article.opening_key = opening_key(article.standfirst, article.body)
        batch.append(article)
        if len(batch) >= 2000:
            Article.objects.bulk_update(batch, ["opening_key"])
            batch = []
    Article.objects.bulk_update(batch, ["opening_key"])


class Migration(migrations.Migration):
    dependencies = [("archive", "0015_comment_threads")]

    operations = [
        migrations.AddField(
            model_name="article",
            name="opening_key",
            field=models.CharField(blank=True, db_default="", db_index=True, editable=False, max_length=32),
        ),
        migrations.RunPython(fill_opening_keys, migrations.RunPython.noop),
    ]
