from django.urls import path

from .views import search_page

urlpatterns = [path("sok/", search_page, name="search")]
