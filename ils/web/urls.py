from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import city_views, editing_views, import_views, indicator_views, planning_views, views

urlpatterns = [
    path("", views.start, name="start"),
    path("namnd/<slug:slug>/", views.committee, name="committee"),
    path("rapport/<int:pk>/", views.report, name="report"),
    path("rapport/<int:pk>/kontroll/", views.report_checks, name="report_checks"),
    path("rapport/<int:pk>/export.<str:fmt>", views.report_export, name="report_export"),
    path("redigera/<str:kind>/<int:pk>/", editing_views.edit_item, name="edit_item"),
    path("status/<str:kind>/<int:pk>/", editing_views.change_status, name="change_status"),
    path("historik/<str:kind>/<int:pk>/", editing_views.history, name="history"),
    path("rapport/<int:pk>/skapa/", planning_views.create_document, name="create_document"),
    path("indikator/<int:pk>/", indicator_views.indicator, name="indicator"),
    path("importera/utfall/", import_views.outcome_import, name="outcome_import"),
    path("kf/", city_views.city, name="city_goals_latest"),
    path("kf/<int:year>/", city_views.city, name="city_goals"),
    path("logga-in/", auth_views.LoginView.as_view(), name="login"),
    path("logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("api/", include("ils.api.urls")),
    path("", include("ils.web.internal_control_urls")),
    path("", include("ils.city.urls")),
    path("", include("ils.search.urls")),
]
