from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('edit_history', '0005_cell_spans'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicaledition',
            name='reader_notes',
            field=models.JSONField(blank=True, default=dict, help_text='待核实的记录向读者显示的说明；导入时按源文本配置中的读者提示表，依原文在文本中找到各条所在的行', verbose_name='读者提示'),
        ),
    ]
