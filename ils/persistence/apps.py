from django.apps import AppConfig


class PersistenceConfig(AppConfig):
    name = "ils.persistence"
    label = "persistence"
    verbose_name = "Rapporter"
    default_auto_field = "django.db.models.BigAutoField"
