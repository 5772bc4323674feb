from django import forms
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from django.views.generic import TemplateView

from core.mixins import CacheableQueryMixin

from .models import Postcard

app_name = "example"


class ColourForm(forms.Form):
    couleur = forms.ChoiceField(choices=[("bleu", "bleu"), ("rouge", "rouge")], required=False)


class PostcardListView(CacheableQueryMixin, TemplateView):
    template_name = "example/postcard_list.html"

    def query_form(self):
        return self.form

    def get_context_data(self, **kwargs):
        self.form = ColourForm(self.request.GET or None)
        return super().get_context_data(
            colour=self.form.cleaned_data["couleur"] if self.form.is_valid() else "",
            titles=Postcard.objects.published().values_list("title", flat=True),
            **kwargs,
        )


def postcard_detail(request, slug):
    return HttpResponse(get_object_or_404(Postcard.objects.published(), slug=slug).title)


urlpatterns = [
    path("", PostcardListView.as_view(), name="postcard-list"),
    path("<slug:slug>/", postcard_detail, name="postcard-detail"),
]
