from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "ils.api"
    label = "ils_api"
    verbose_name = "API"
    default_auto_field = "django.db.models.BigAutoField"
