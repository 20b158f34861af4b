"""The site's URLs: the admin, each app's pages under an edition, and the core's pages.

The apps' prefixes come before the core's ``<year>/<category>/`` pattern, which would otherwise take them.
"""
from django.contrib import admin
from django.urls import include, path

from yearbook import converters  # noqa: F401  (registers <year:>, <key:> and <pathkey:>)
from yearbook import views as yearbook_views
from yearbook import sitemaps

urlpatterns = [
    path("admin/", admin.site.urls),
    path("robots.txt", yearbook_views.robots_txt, name="robots"),
    path("favicon.ico", yearbook_views.favicon, name="favicon"),
    path("sitemap.xml", sitemaps.index, name="sitemap-index"),
    path("sitemap-<section>.xml", sitemaps.section, name="sitemap"),
    path("<year:year>/大事记/", include("chronicle.urls")),
    path("<year:year>/统计/", include("stats.urls")),
    path("<year:year>/文件/", include("documents.urls")),
    path("", include("yearbook.urls")),
]
