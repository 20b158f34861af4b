from django.urls import path

from documents import views
from yearbook import converters  # noqa: F401

app_name = "documents"
urlpatterns = [
    path("", views.index, name="index"),
    path("<pathkey:key>/", views.detail, name="detail"),
]
