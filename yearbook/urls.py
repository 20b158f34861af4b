from django.urls import path

from yearbook import converters  # noqa: F401  (registers <year:>, <key:> and <pathkey:>)
from yearbook import views

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("people/", views.people, name="people"),
    path("people/<pathkey:key>/", views.person, name="person"),
    path("agencies/", views.agencies, name="agencies"),
    path("agencies/<pathkey:name>/", views.agency, name="agency"),
    path("<year:year>/", views.edition, name="edition"),
    path("<year:year>/先进模范/", views.honours, name="honours"),
    path("<year:year>/<key:category>/", views.category, name="category"),
    path("<year:year>/<key:category>/<key:section>/", views.section, name="section"),
    path("<year:year>/<key:category>/<key:section>/<pathkey:entry>/", views.entry, name="entry"),
]
