"""Uploads: the files of the old site's wp-content/uploads, read from a local copy only
(nothing is ever downloaded). One Wagtail image or document per file, however many items use
it; a resized copy (photo-300x200.jpg) or WordPress's "-scaled" copy means its original."""

import dataclasses
import hashlib
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.files import File
from django.core.files.images import ImageFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from practice.wordpress.models import ImportedItem

IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".heic"}
RESIZED = re.compile(r"-(?:\d+x\d+|scaled|rotated)(?=\.\w+$)")
UPLOADS = "/wp-content/uploads/"
COLLECTION = "WordPress import"


@dataclasses.dataclass
class Attachment:
    url: str
    path: str  # under uploads/, e.g. 2019/05/photo.jpg
    title: str = ""
    alt: str = ""
    caption: str = ""


def upload_path(url):
    """The path under uploads/ of an upload's URL (absolute or relative), or ""."""
    path = unquote(urlsplit(url or "").path)
    if UPLOADS not in path:
        return ""
    return path.split(UPLOADS, 1)[1].lstrip("/")


def is_image(path):
    return Path(path).suffix.lower() in IMAGE_EXTENSIONS


class Media:
    """Finds or makes the Wagtail image or document for an upload, reporting missing files."""

    def __init__(self, folder, report, attachments):
        self.folder = Path(folder).resolve() if folder else None
        self.report = report
        self.attachments = attachments  # attachment id -> Attachment
        self.by_path = {a.path: a for a in attachments.values() if a.path}
        self.made = {}  # path -> (object, kind) this run
        self.created_files = []  # storage names of files saved this run (--dry-run removes them)
        self._collection = None

    def collection(self):
        if self._collection is None:
            root = Collection.get_first_root_node()
            self._collection = root.get_children().filter(
                name=COLLECTION
            ).first() or root.add_child(name=COLLECTION)
        return self._collection

    def local_file(self, path):
        """The file in the uploads copy, or None (never outside the folder)."""
        if self.folder is None or not path:
            return None
        candidate = (self.folder / path).resolve()
        if not candidate.is_relative_to(self.folder) or not candidate.is_file():
            return None
        return candidate

    def original(self, path):
        """The original upload a path names: itself, or the file it was resized from."""
        for name in (RESIZED.sub("", path), path):
            if name in self.by_path or self.local_file(name):
                return name
        return path

    def image(self, src, attachment_id="", used_by=""):
        """(image, default alt text) for an <img>, or None when its file is missing."""
        attachment = None
        if str(attachment_id).isdigit():
            attachment = self.attachments.get(int(attachment_id))
        path = attachment.path if attachment else self.original(upload_path(src))
        if not path:
            if src:
                self.report.missing(src, used_by, "not an upload of the old site")
            return None
        attachment = attachment or self.by_path.get(path)
        made = self.file(path, attachment, used_by)
        if made is None or made[1] != ImportedItem.Kind.IMAGE:
            return None
        return made[0], attachment.alt if attachment else ""

    def file(self, path, attachment=None, used_by=""):
        """(object, kind) for an upload path, made once per file; None when it is missing."""
        if path in self.made:
            return self.made[path]
        local = self.local_file(path)
        if local is None:
            self.report.missing(path, used_by, "not in the uploads folder")
            return None
        attachment = attachment or self.by_path.get(path)
        kind = ImportedItem.Kind.IMAGE if is_image(path) else ImportedItem.Kind.DOCUMENT
        model = get_image_model() if kind == ImportedItem.Kind.IMAGE else get_document_model()
        title = (attachment.title if attachment else "") or Path(path).stem.replace("-", " ")
        alt = attachment.alt if attachment else ""
        content = local.read_bytes()
        digest = hashlib.sha256(content + f"\0{title}\0{alt}".encode()).hexdigest()
        record = ImportedItem.objects.filter(kind=kind, key=path).first()
        found = model.objects.filter(pk=record.object_id).first() if record else None
        if found is not None and record.digest == digest:
            self.report.count(kind, "unchanged")
        else:
            outcome = "updated" if found is not None else "created"
            found = found or model(collection=self.collection())
            found.title = title[:255]
            if kind == ImportedItem.Kind.IMAGE:
                found.description = alt[:255]
            if outcome == "created" or found.file.size != len(content):
                wrapper = ImageFile if kind == ImportedItem.Kind.IMAGE else File
                with open(local, "rb") as handle:
                    found.file = wrapper(handle, name=local.name)
                    found.file_size = len(content)
                    found.save()
                self.created_files.append(found.file.name)
            else:
                found.save()
            ImportedItem.objects.update_or_create(
                kind=kind, key=path, defaults={"object_id": found.pk, "digest": digest}
            )
            self.report.count(kind, outcome)
        self.made[path] = (found, kind)
        return self.made[path]
