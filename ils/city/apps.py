from django.apps import AppConfig


class CityConfig(AppConfig):
    name = "ils.city"
    label = "ils_city"
    verbose_name = "Staden"
