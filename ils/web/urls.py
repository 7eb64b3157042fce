from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

urlpatterns = [
    path("", views.start, name="start"),
    path("namnd/<slug:slug>/", views.committee, name="committee"),
    path("rapport/<int:pk>/", views.report, name="report"),
    path("rapport/<int:pk>/kontroll/", views.report_checks, name="report_checks"),
    path("rapport/<int:pk>/export.<str:fmt>", views.report_export, name="report_export"),
    path("logga-in/", auth_views.LoginView.as_view(), name="login"),
    path("logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
]
