from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "ils.search"
    label = "ils_search"
    verbose_name = "Sökning"
    default_auto_field = "django.db.models.BigAutoField"
