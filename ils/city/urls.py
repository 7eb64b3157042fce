from django.urls import path

from . import views

urlpatterns = [
    path("stad/", views.latest, name="city_latest"),
    path("stad/diagram/", views.dashboard, name="city_dashboard"),
    path("stad/<int:year>/<str:period>/", views.overview, name="city_overview"),
    path("stad/<int:year>/<str:period>/rapport.<str:fmt>", views.city_report, name="city_report"),
    path("oppna-data/", views.opendata, name="opendata"),
    path("oppna-data/utfall.<str:fmt>", views.opendata_file, name="opendata_file"),
]
