"""PNG, JPEG and WebP images, told by their first bytes."""

from .kinds import KINDS


def image_kind(data):
    """The image's :class:`~core.files.kinds.FileKind`, or ``None`` if ``data`` is no image."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR":
        return KINDS["png"]
    if data.startswith(b"\xff\xd8\xff"):
        return KINDS["jpeg"]
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP" and data[12:15] == b"VP8":
        return KINDS["webp"]
    return None
