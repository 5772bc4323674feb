from django.urls import path, register_converter

from . import views

app_name = "photos"


class ExtensionConverter:
    regex = "webp|jpg"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(ExtensionConverter, "image_extension")

urlpatterns = [
    path(
        "<int:pk>/<slug:version>/<int:width>.<image_extension:extension>",
        views.RenditionView.as_view(),
        name="rendition",
    ),
]
