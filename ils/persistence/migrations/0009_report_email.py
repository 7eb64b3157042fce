# The handläggare's e-mail beside the telephone in the document's head.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('persistence', '0008_import_guesses'),
    ]

    operations = [
        migrations.AddField(
            model_name='report',
            name='email',
            field=models.CharField(blank=True, max_length=254, verbose_name='e-post'),
        ),
    ]
