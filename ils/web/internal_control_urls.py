from django.urls import path

from . import internal_control_city_views as city
from . import internal_control_views as views

urlpatterns = [
    path("internkontroll/<slug:slug>/<int:year>/", views.analysis_page, name="ic_analysis"),
    path("internkontroll/<slug:slug>/<int:year>/risk/<int:pk>/", views.risk_page, name="ic_risk"),
    path("internkontroll/<slug:slug>/<int:year>/kontrollplan/", views.controls_page, name="ic_controls"),
    path("internkontroll/<slug:slug>/<int:year>/kontroll/<int:pk>/", views.control_page, name="ic_control"),
    path("internkontroll/<slug:slug>/<int:year>/uppfoljning/<str:period>/", views.follow_up_page, name="ic_follow_up"),
    path("internkontroll/<slug:slug>/<int:year>/bilaga/<str:kind>.<str:fmt>", views.bilaga, name="ic_bilaga"),
    path("internkontroll/<slug:slug>/<int:year>/till-dokumenten/", views.attach, name="ic_attach"),
    path("internkontroll/<slug:slug>/<int:year>/importera/", views.import_page, name="ic_import"),
    path("internkontroll/<slug:slug>/<int:year>/status/<str:part>/", views.section_status, name="ic_status"),
    path("stad/internkontroll/", city.latest, name="ic_city_latest"),
    path("stad/internkontroll/<int:year>/", city.city_view, name="ic_city"),
    path("stad/internkontroll/<int:year>/installningar/", city.city_settings, name="ic_city_settings"),
]
