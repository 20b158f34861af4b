from django.urls import path

from stats import views
from yearbook import converters  # noqa: F401

app_name = "stats"
urlpatterns = [
    path("", views.index, name="index"),
    path("<pathkey:key>/", views.table, name="table"),
]
