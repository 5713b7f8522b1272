"""Demo images drawn locally with Pillow, so seeding needs no network or stock photos."""

import io
import random

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFilter
from wagtail.images import get_image_model

PALETTES = [
    ((245, 231, 218), (198, 140, 120), (122, 59, 46)),
    ((226, 236, 240), (133, 168, 186), (46, 84, 107)),
    ((238, 240, 228), (170, 184, 140), (76, 96, 60)),
    ((244, 236, 244), (186, 150, 184), (96, 60, 98)),
    ((250, 242, 225), (222, 184, 120), (140, 96, 40)),
]


def draw_image(seed: int, size=(1600, 1000)) -> bytes:
    """Soft abstract composition (gradient plus blurred shapes), deterministic per seed."""
    rng = random.Random(seed)  # noqa: S311 - the same picture per seed; nothing secret
    light, mid, dark = PALETTES[seed % len(PALETTES)]
    width, height = size
    img = PILImage.new("RGB", size, light)
    draw = ImageDraw.Draw(img)
    for y in range(height):
        t = y / height
        colour = tuple(int(light[i] * (1 - t) + mid[i] * t) for i in range(3))
        draw.line([(0, y), (width, y)], fill=colour)
    for _ in range(6):
        r = rng.randint(height // 8, height // 3)
        x, y = rng.randint(0, width), rng.randint(0, height)
        fill = dark if rng.random() < 0.4 else mid
        draw.ellipse([x - r, y - r, x + r, y + r], fill=fill)
    img = img.filter(ImageFilter.GaussianBlur(radius=height // 25))
    buffer = io.BytesIO()
    img.save(buffer, format="JPEG", quality=82)
    return buffer.getvalue()


def demo_image(title: str, alt_text: str, seed: int, size=(1600, 1000)):
    """Return the Wagtail image with this title, creating it once (idempotent)."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    filename = f"demo-{seed}.jpg"
    image = Image(title=title, description=alt_text)
    image.file = ImageFile(io.BytesIO(draw_image(seed, size)), name=filename)
    image.save()
    return image
