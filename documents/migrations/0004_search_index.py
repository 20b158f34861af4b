"""The documents' own texts (title, number, preamble) and their parts under the search's gram index
(yearbook/search/engine.py), on either engine."""
from django.db import migrations

from yearbook.search.engine import GramIndex


class Migration(migrations.Migration):
    dependencies = [("documents", "0003_search_index"), ("yearbook", "0012_search_text_tables")]

    operations = [
        GramIndex(table="documents_document", columns=("title", "number", "preamble"), name="document_text_grams"),
        GramIndex(table="documents_part", columns=("title", "text"), name="part_text_grams"),
    ]
