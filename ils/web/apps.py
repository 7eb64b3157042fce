from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "ils.web"
    label = "web"
    verbose_name = "Webbgränssnitt"
