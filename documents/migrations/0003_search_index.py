"""The articles' texts under the search's gram index (yearbook/search/engine.py), on either engine.

On PostgreSQL the index existed before under the same name (made by yearbook 0005): IF NOT EXISTS."""
from django.db import migrations

from yearbook.search.engine import GramIndex


class Migration(migrations.Migration):
    dependencies = [("documents", "0002_editorial_workflow"), ("yearbook", "0006_sqlite_entry_grams")]

    operations = [GramIndex(table="documents_article", columns=("text",), name="article_text_grams")]
