"""The documents to build: one job per output file, with the content hash of everything it is made from."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from lessonkit.build.fingerprint import Fingerprint, digest
from lessonkit.document_kinds import HANDBOOK, download_paths, handbook_path
from lessonkit.locale.country_pack import CountryPack
from lessonkit.locale.locales import Locale
from lessonkit.model import Curriculum, Lesson

__all__ = ["HANDBOOK", "DocumentJob", "plan_documents"]


@dataclass(frozen=True)
class DocumentJob:
    """One file to produce: its kind, the lessons it shows, the locale, where it goes and its input hash."""

    kind: str
    lessons: tuple[Lesson, ...]
    locale: Locale
    pack: CountryPack
    output: PurePosixPath
    key: str
    band: str = ""

    @property
    def source(self) -> Path:
        """The lesson file a failure is reported against."""
        return self.lessons[0].path


def plan_documents(
    curriculum: Curriculum, lessons: tuple[Lesson, ...], locale: Locale, pack: CountryPack, fingerprint: Fingerprint
) -> list[DocumentJob]:
    """Every document of one locale: each lesson's files, then one handbook per band."""
    shared = fingerprint.for_locale(locale, pack)
    jobs = [
        DocumentJob(kind, (lesson,), locale, pack, output, digest(shared, kind, repr(lesson)))
        for lesson in lessons
        for kind, output in download_paths(lesson, locale.id).items()
    ]
    for band in curriculum.config.bands:
        members = tuple(x for x in lessons if x.is_student_lesson and x.band == band.id)
        if members:
            key = digest(shared, HANDBOOK, band.id, *(repr(x) for x in members))
            jobs.append(DocumentJob(HANDBOOK, members, locale, pack, handbook_path(band.id, locale.id), key, band.id))
    return jobs
