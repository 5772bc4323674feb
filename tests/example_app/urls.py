from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path

from .models import Postcard

app_name = "example"


def postcard_list(request):
    titles = Postcard.objects.published().values_list("title", flat=True)
    colour = request.GET.get("couleur", "")
    return HttpResponse(f"<p>{colour}</p>" + "".join(f"<p>{title}</p>" for title in titles))


def postcard_detail(request, slug):
    return HttpResponse(get_object_or_404(Postcard.objects.published(), slug=slug).title)


urlpatterns = [
    path("", postcard_list, name="postcard-list"),
    path("<slug:slug>/", postcard_detail, name="postcard-detail"),
]
