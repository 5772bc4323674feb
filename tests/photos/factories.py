import factory
from django.core.files.base import ContentFile

from photos.models import Photo
from tests.photos.images import jpeg_bytes


class PhotoFactory(factory.django.DjangoModelFactory):
    """A photo on the home page unless a record is given (``zone=…``)."""

    class Meta:
        model = Photo

    image = factory.LazyFunction(lambda: ContentFile(jpeg_bytes(), name="photo.jpg"))
    width = 1500
    height = 1000
    alt_text = factory.Sequence(lambda n: f"Une vue n° {n}")
    credit = "© Département de l'Essonne"
    on_home = factory.LazyAttribute(
        lambda photo: (
            not any(
                getattr(photo, name, None)
                for name in ("zone", "action", "emergency_aid", "eu_project", "news_item")
            )
        )
    )
