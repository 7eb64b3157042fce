from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import (city_views, editing_views, goal_tree_views, import_views, indicator_views, planning_views, text_views,
               token_views, views)

urlpatterns = [
    path("", views.start, name="start"),
    path("namnd/<slug:slug>/", views.committee, name="committee"),
    path("rapport/<int:pk>/", views.report, name="report"),
    path("rapport/<int:pk>/kontroll/", views.report_checks, name="report_checks"),
    path("rapport/<int:pk>/export.<str:fmt>", views.report_export, name="report_export"),
    path("redigera/<str:kind>/<int:pk>/", editing_views.edit_item, name="edit_item"),
    path("status/<str:kind>/<int:pk>/", editing_views.change_status, name="change_status"),
    path("historik/<str:kind>/<int:pk>/", editing_views.history, name="history"),
    path("planera/mal/<int:pk>/nytt-namndmal/", goal_tree_views.add_goal, name="add_goal"),
    path("planera/mal/<int:pk>/flytta/", goal_tree_views.move_goal, name="move_goal"),
    path("planera/mal/<int:pk>/ta-bort/", goal_tree_views.remove_goal, name="remove_goal"),
    path("planera/mal/<int:pk>/ny-indikator/", goal_tree_views.add_indicator, name="add_indicator"),
    path("planera/mal/<int:pk>/ny-aktivitet/", goal_tree_views.add_activity, name="add_activity"),
    path("ta-bort/<str:kind>/<int:pk>/", goal_tree_views.remove_item, name="remove_item"),
    path("rapport/<int:pk>/skapa/", planning_views.create_document, name="create_document"),
    path("indikator/<int:pk>/", indicator_views.indicator, name="indicator"),
    path("rapport/<int:pk>/texter/", text_views.report_texts, name="report_texts"),
    path("rapport/<int:pk>/kvar/", text_views.report_remaining, name="report_remaining"),
    path("rapport/<int:pk>/las/", text_views.lock_report, name="lock_report"),
    path("textdel/<int:pk>/", text_views.edit_text, name="edit_text"),
    path("textdel/<int:pk>/forhandsvisning/", text_views.preview_text, name="preview_text"),
    path("textdel/<int:pk>/status/", text_views.text_status, name="text_status"),
    path("textdel/<int:pk>/skribenter/", text_views.text_writers, name="text_writers"),
    path("mall/<int:year>/<str:period>/", text_views.edit_template, name="edit_template"),
    path("importera/utfall/", import_views.outcome_import, name="outcome_import"),
    path("kf/", city_views.city, name="city_goals_latest"),
    path("kf/<int:year>/", city_views.city, name="city_goals"),
    path("konto/nycklar/", token_views.api_tokens, name="api_tokens"),
    path("logga-in/", auth_views.LoginView.as_view(), name="login"),
    path("logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("api/", include("ils.api.urls")),
    path("", include("ils.city.urls")),
    path("", include("ils.search.urls")),
]
