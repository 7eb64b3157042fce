# The befattning a person attests a committee's documents with ("Lee Orberson, stadsdelsdirektör").

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('persistence', '0006_printed_economy_tables'),
    ]

    operations = [
        migrations.AddField(
            model_name='membership',
            name='title',
            field=models.CharField(blank=True, max_length=100, verbose_name='befattning'),
        ),
    ]
