"""The procedures app's models: procedure pages and the gallery (pages), before/after cases
with their consent (cases)."""

from procedures.models.cases import BeforeAfterCase, PhotoPair, TimeUnit
from procedures.models.pages import (
    GalleryPage,
    GallerySettings,
    ProcedureIndexPage,
    ProcedureKind,
    ProcedurePage,
)

__all__ = [
    "BeforeAfterCase",
    "GalleryPage",
    "GallerySettings",
    "PhotoPair",
    "ProcedureIndexPage",
    "ProcedureKind",
    "ProcedurePage",
    "TimeUnit",
]
