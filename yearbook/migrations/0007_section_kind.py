"""What a section holds, stored on the section (it was inferred from category and section names).

Existing editions get their kinds from the names the code used to recognise, once: new imports take the
kind from the parser's outline (the source profile)."""
from django.db import migrations, models

# The rules of the former yearbook.rules.special_page, for the rows that exist before this migration.
FORMER_RULES = [({"category__name": "大事记"}, "chronicle"), ({"category__name": "先进模范"}, "honours"),
                ({"category__name": "附录", "name": "重要统计资料"}, "tables"),
                ({"category__name": "附录", "name": "重要文件辑存"}, "documents")]


def kinds_from_names(apps, schema_editor):
    Section = apps.get_model("yearbook", "Section")
    for condition, kind in FORMER_RULES:
        Section.objects.filter(**condition).update(kind=kind)


class Migration(migrations.Migration):

    dependencies = [
        ('yearbook', '0006_sqlite_entry_grams'),
    ]

    operations = [
        migrations.AddField(
            model_name='section',
            name='kind',
            field=models.CharField(choices=[('entries', '条目'), ('chronicle', '大事记'), ('roster', '领导班子名录'), ('honours', '表彰'), ('tables', '统计资料'), ('documents', '文件')], default='entries', max_length=10, verbose_name='内容类型'),
        ),
        migrations.RunPython(kinds_from_names, migrations.RunPython.noop),
    ]
