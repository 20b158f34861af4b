from django.db import migrations, models


def notes_of_imported_editions(apps, schema_editor):
    """Editions imported before the notes moved into the profile: their notes found in their source text
    (under sources/), as an import now does; an edition whose text is not there shows the general note."""
    from pathlib import Path

    from yearbook.parsing.errors import ParseError
    from yearbook.parsing.profile import load_profile
    from yearbook.parsing.reader_notes import NOTES_FILE, place_notes
    from yearbook.parsing.source import read_source

    sources = Path(__file__).resolve().parents[2] / "sources"
    Edition = apps.get_model("yearbook", "Edition")
    for edition in Edition.objects.exclude(source_profile="").exclude(source_file=""):
        text = sources / Path(edition.source_file).name
        try:
            rows = load_profile(edition.source_profile).rows(NOTES_FILE, ("record", "printed", "note"))
            lines = read_source(text) if rows and text.is_file() else []
        except (ParseError, OSError, UnicodeError):
            continue
        notes = place_notes(lines, rows)[0]
        if notes:
            edition.reader_notes = notes
            edition.save(update_fields=["reader_notes"])


class Migration(migrations.Migration):

    dependencies = [
        ('yearbook', '0012_search_text_tables'),
    ]

    operations = [
        migrations.AddField(
            model_name='edition',
            name='reader_notes',
            field=models.JSONField(blank=True, default=dict, help_text='待核实的记录向读者显示的说明；导入时按源文本配置中的读者提示表，依原文在文本中找到各条所在的行', verbose_name='读者提示'),
        ),
        migrations.RunPython(notes_of_imported_editions, migrations.RunPython.noop),
    ]
