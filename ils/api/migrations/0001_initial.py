import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ApiToken",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(blank=True, max_length=100, verbose_name="namn")),
                ("prefix", models.CharField(max_length=12, verbose_name="början")),
                ("hashed", models.CharField(max_length=64, unique=True)),
                ("created", models.DateTimeField(auto_now_add=True, verbose_name="skapad")),
                ("last_used", models.DateTimeField(blank=True, null=True, verbose_name="senast använd")),
                ("expires", models.DateTimeField(blank=True, null=True, verbose_name="går ut")),
                ("user", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="api_tokens",
                                           to=settings.AUTH_USER_MODEL, verbose_name="användare")),
            ],
            options={"ordering": ["-created"], "verbose_name": "API-nyckel", "verbose_name_plural": "API-nycklar"},
        ),
    ]
