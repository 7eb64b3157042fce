from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path

from . import editing_views, views

urlpatterns = [
    path("", views.start, name="start"),
    path("namnd/<slug:slug>/", views.committee, name="committee"),
    path("rapport/<int:pk>/", views.report, name="report"),
    path("rapport/<int:pk>/kontroll/", views.report_checks, name="report_checks"),
    path("rapport/<int:pk>/export.<str:fmt>", views.report_export, name="report_export"),
    path("redigera/<str:kind>/<int:pk>/", editing_views.edit_item, name="edit_item"),
    path("status/<str:kind>/<int:pk>/", editing_views.change_status, name="change_status"),
    path("historik/<str:kind>/<int:pk>/", editing_views.history, name="history"),
    path("logga-in/", auth_views.LoginView.as_view(), name="login"),
    path("logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
]
