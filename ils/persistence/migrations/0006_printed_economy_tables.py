# A budgetjustering names the rows (driftbudget, investeringar) whose adjustment column holds its amount.
# (Tables as printed need no schema change: they are the imported tables, kind "".)

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('persistence', '0005_merge_document_parts'),
    ]

    operations = [
        migrations.AddField(
            model_name='economyrequest',
            name='targets',
            field=models.ManyToManyField(blank=True, related_name='adjusting_requests', to='persistence.economyrow', verbose_name='förs in i'),
        ),
    ]
