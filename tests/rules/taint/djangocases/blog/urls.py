"""URL configuration: the converters decide which parameters arrive validated."""

from django.urls import path, re_path

from . import cbv, lookups, views

urlpatterns = [
    path("search/", views.search),
    path("greet/", views.greet),
    path("download/<str:filename>/", views.download),
    path("article/<int:article_id>/", views.article),
    re_path(r"^thumb/(?P<slug>[^/]+)/(?P<size>\d+)/$", views.thumbnail),
    path("upload/", views.upload),
    path("archive/<year>/", cbv.ArchiveView.as_view()),
    path("report/<name>/", cbv.ReportView.as_view()),
    path("merge/", lookups.merge),
    path("pick/", lookups.pick),
]
