"""The resource library's uploads: which kinds it takes, its size limit, and what staff see in
the admin when they upload real files from disk (the checker itself: tests/core/test_files.py)."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cresi.models import Resource
from cresi.validators import max_upload_size, validate_resource_file
from tests import samples
from tests.samples import ACCEPTED


def test_size_limit_from_settings(settings):
    settings.CRESI_MAX_UPLOAD_SIZE = 1024
    big = SimpleUploadedFile("gros.pdf", samples.pdf() + b"%" * 2048)
    with pytest.raises(ValidationError) as error:
        validate_resource_file(big)
    assert error.value.code == "too_large"
    assert "limite" in error.value.messages[0]
    small = SimpleUploadedFile("petit.pdf", samples.pdf())
    validate_resource_file(small)
    assert validate_resource_file.detected_kind(small).code == "pdf"


def test_default_size_limit_is_20_megabytes(settings):
    del settings.CRESI_MAX_UPLOAD_SIZE
    assert max_upload_size() == 20 * 1024 * 1024


# Through the admin, from real files on disk, as staff would upload them.


def add_resource(client, path, **data):
    with open(path, "rb") as upload:
        return client.post(
            reverse("admin:cresi_resource_add"),
            {
                "title": "Nouvel outil",
                "slug": "nouvel-outil",
                "resource_type": "guide",
                "language": "fr",
                "summary": "Un outil.",
                "publication_date": "2010-03-01",
                "file": upload,
                "is_published": "on",
                **data,
            },
        )


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "make", "code", "content_type"), ACCEPTED)
def test_admin_accepts_real_documents(admin_client, tmp_path, name, make, code, content_type):
    path = tmp_path / name
    path.write_bytes(make())
    response = add_resource(admin_client, path)
    assert response.status_code == 302, response.context["adminform"].form.errors
    resource = Resource.objects.get(slug="nouvel-outil")
    assert resource.file_kind.code == code
    stored = resource.file.name
    assert stored.startswith("cresi/ressources/")
    assert name.rsplit(".", 1)[0] not in stored  # the upload's name is never used
    assert len(stored.rsplit("/", 1)[1].split(".")[0]) == 32  # 128 random bits
    assert resource.file.read() == path.read_bytes()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "make", "reason"),
    [
        ("guide.pdf", samples.elf_executable, "exécutable"),
        ("guide.pdf", samples.pe_executable, "exécutable"),
        ("logo.svg", samples.svg_with_script, "SVG"),
        ("page.html", samples.html_page, "HTML"),
        ("kit.zip", lambda: samples.zip_holding("outil.exe", samples.pe_executable()), "exe"),
    ],
)
def test_admin_refuses_with_the_reason(admin_client, tmp_path, name, make, reason):
    path = tmp_path / name
    path.write_bytes(make())
    response = add_resource(admin_client, path)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["file"]
    assert reason in " ".join(errors)
    assert not Resource.objects.exists()
    assert not list(tmp_path.glob("media/cresi/**/*.*"))  # nothing refused is stored


@pytest.mark.django_db
def test_admin_refuses_a_file_over_the_limit(admin_client, tmp_path, settings):
    settings.CRESI_MAX_UPLOAD_SIZE = 2048
    path = tmp_path / "gros.pdf"
    path.write_bytes(samples.pdf() + b"%" * 4096)
    response = add_resource(admin_client, path)
    assert response.status_code == 200
    assert "la limite est de 2\xa0Ko" in " ".join(response.context["adminform"].form.errors["file"])
    assert not Resource.objects.exists()


@pytest.mark.django_db
def test_admin_refuses_a_cover_that_is_not_an_image(admin_client, tmp_path):
    document, cover = tmp_path / "guide.pdf", tmp_path / "couverture.png"
    document.write_bytes(samples.pdf())
    cover.write_bytes(samples.svg_with_script())
    with open(cover, "rb") as cover_file:
        response = add_resource(admin_client, document, cover=cover_file)
    assert response.status_code == 200
    assert "SVG" in " ".join(response.context["adminform"].form.errors["cover"])


@pytest.mark.django_db
def test_admin_refuses_a_pdf_hiding_javascript_in_an_object_stream(admin_client, tmp_path):
    path = tmp_path / "guide.pdf"
    path.write_bytes(samples.compressed_pdf(b"/OpenAction << /S /J#61vaScript /JS (x) >> "))
    response = add_resource(admin_client, path)
    assert response.status_code == 200
    assert "JavaScript" in " ".join(response.context["adminform"].form.errors["file"])
    assert not Resource.objects.exists()
