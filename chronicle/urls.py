from django.urls import path

from chronicle import views
from yearbook import converters  # noqa: F401

app_name = "chronicle"
urlpatterns = [
    path("", views.index, name="index"),
    path("<key:section>/", views.section_redirect, name="section"),
]
