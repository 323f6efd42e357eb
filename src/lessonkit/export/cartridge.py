"""IMS Common Cartridge 1.3: one `.imscc` (a zip) per locale and age band, which Moodle and Canvas import.

Inside: `imsmanifest.xml`; per lesson a page (`<lesson>/index.html`, webcontent) with the key
messages, the handout text and where to get help; the lesson's built files when the output folder
has them (handouts, family sheet, slides, teacher's plan marked `intendeduse="lessonplan"`); and
its quiz as a QTI 1.2 assessment in the cartridge profile (`<lesson>/assessment.xml`).
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from lxml import etree

from lessonkit.document_kinds import KINDS, download_paths, kind_of
from lessonkit.export.qti import assessment_xml
from lessonkit.export.quizzes import LessonQuiz
from lessonkit.export.text import block_html, plain
from lessonkit.locale.country_pack import CountryPack
from lessonkit.locale.help_tokens import help_tokens_in
from lessonkit.locale.locales import Locale
from lessonkit.render.help.entries import STUDENT_HELP, help_entries
from lessonkit.render.sanitise import escape_html

CP_NS = "http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1"
LOM_MANIFEST_NS = "http://ltsc.ieee.org/xsd/imsccv1p3/LOM/manifest"
LOM_RESOURCE_NS = "http://ltsc.ieee.org/xsd/imsccv1p3/LOM/resource"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATIONS = (
    f"{CP_NS} http://www.imsglobal.org/profile/cc/ccv1p3/ccv1p3_imscp_v1p2_v1p0.xsd "
    f"{LOM_MANIFEST_NS} http://www.imsglobal.org/profile/cc/ccv1p3/LOM/ccv1p3_lommanifest_v1p0.xsd "
    f"{LOM_RESOURCE_NS} http://www.imsglobal.org/profile/cc/ccv1p3/LOM/ccv1p3_lomresource_v1p0.xsd"
)
QTI_RESOURCE = "imsqti_xmlv1p2/imscc_xmlv1p3/assessment"
WEBCONTENT = "webcontent"
# Built files a cartridge carries, with their label (a UI string) and whether they are for the teacher.
FILES: dict[str, tuple[str, bool]] = {
    kind.id: (kind.download_label, kind.for_teacher) for kind in KINDS if kind.in_cartridge
}
# Fixed zip timestamps: the same lessons give byte-identical cartridges.
_ZIP_TIME = (2020, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class CartridgeLesson:
    """What the cartridge needs of one lesson: its quiz and the built files found for it."""

    quiz: LessonQuiz
    files: dict[str, Path]


def built_files(quiz: LessonQuiz, locale: Locale, output: Path) -> dict[str, Path]:
    """The lesson's built files that exist in the output folder, by kind."""
    found = {}
    for kind, relative in download_paths(quiz.lesson, locale.id).items():
        path = output / relative
        if kind in FILES and path.is_file() and not path.is_symlink():
            found[kind] = path
    return found


def _c(tag: str) -> str:
    return f"{{{CP_NS}}}{tag}"


def _m(tag: str) -> str:
    return f"{{{LOM_MANIFEST_NS}}}{tag}"


def manifest_xml(
    identifier: str,
    title: str,
    locale: Locale,
    lessons: Sequence[CartridgeLesson],
    ui: Callable[[str], str],
    licence: str,
) -> bytes:
    """`imsmanifest.xml`: metadata, one organisation item per lesson, and the resources."""
    root = etree.Element(
        _c("manifest"),
        nsmap={None: CP_NS, "lomimscc": LOM_MANIFEST_NS, "lom": LOM_RESOURCE_NS, "xsi": XSI_NS},
        identifier=identifier,
    )
    root.set(f"{{{XSI_NS}}}schemaLocation", SCHEMA_LOCATIONS)
    metadata = etree.SubElement(root, _c("metadata"))
    etree.SubElement(metadata, _c("schema")).text = "IMS Common Cartridge"
    etree.SubElement(metadata, _c("schemaversion")).text = "1.3.0"
    lom = etree.SubElement(metadata, _m("lom"))
    general = etree.SubElement(lom, _m("general"))
    etree.SubElement(etree.SubElement(general, _m("title")), _m("string"), language=locale.language).text = title
    etree.SubElement(general, _m("language")).text = locale.language
    rights = etree.SubElement(lom, _m("rights"))
    etree.SubElement(etree.SubElement(rights, _m("copyrightAndOtherRestrictions")), _m("value")).text = "yes"
    description = etree.SubElement(rights, _m("description"))
    etree.SubElement(description, _m("string"), language=locale.language).text = licence
    organization = etree.SubElement(
        etree.SubElement(root, _c("organizations")), _c("organization"), identifier="org", structure="rooted-hierarchy"
    )
    top = etree.SubElement(organization, _c("item"), identifier="root")
    resources = etree.SubElement(root, _c("resources"))
    for number, lesson in enumerate(lessons, start=1):
        quiz = lesson.quiz
        group = etree.SubElement(top, _c("item"), identifier=f"L{number}")
        etree.SubElement(group, _c("title")).text = quiz.title
        entries = [("page", quiz.title, WEBCONTENT, f"{quiz.id}/index.html", "")]
        if quiz.questions:
            entries.append(("quiz", ui("Quiz"), QTI_RESOURCE, f"{quiz.id}/assessment.xml", ""))
        for kind, path in lesson.files.items():
            label, _ = FILES[kind]
            entries.append((kind, ui(label), WEBCONTENT, f"{quiz.id}/{path.name}", kind_of(kind).intended_use))
        for kind, label, resource_type, href, use in entries:
            ident = f"L{number}-{kind}"
            item = etree.SubElement(group, _c("item"), identifier=f"{ident}-item", identifierref=f"{ident}-res")
            etree.SubElement(item, _c("title")).text = label
            resource = etree.SubElement(resources, _c("resource"), identifier=f"{ident}-res", type=resource_type)
            if resource_type == WEBCONTENT:
                resource.set("href", href)  # an assessment is named by its file alone
            if use:
                resource.set("intendeduse", use)
            etree.SubElement(resource, _c("file"), href=href)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def lesson_page(lesson: CartridgeLesson, locale: Locale, pack: CountryPack, ui: Callable[[str], str]) -> str:
    """The lesson's page for learners: key messages, the handout text, downloads and where to get help."""
    source = lesson.quiz.lesson
    where = source.location()
    parts = [f"<h1>{escape_html(lesson.quiz.title)}</h1>"]
    if source.summary:
        parts.append(f"<p>{escape_html(plain(source.summary, pack, where))}</p>")
    messages = "".join(f"<li>{escape_html(plain(m, pack, where))}</li>" for m in source.key_messages)
    if messages:
        parts.append(f"<h2>{escape_html(ui('Key messages'))}</h2><ul>{messages}</ul>")
    for handout in source.sections_of("handout"):
        heading = plain(handout.title, pack, handout.location) if handout.title else ui("Student handout")
        parts.append(f"<h2>{escape_html(heading)}</h2>{block_html(handout.text, pack, handout.location)}")
    links = [
        f'<li><a href="{escape_html(path.name)}">{escape_html(ui(FILES[kind][0]))}</a></li>'
        for kind, path in lesson.files.items()
        if not FILES[kind][1]
    ]
    if links:
        parts.append(f"<h2>{escape_html(ui('Download'))}</h2><ul>{''.join(links)}</ul>")
    helps = source.sections_of("help")
    parts.append(f"<h2>{escape_html(ui('Where to get help'))}</h2>")
    parts += [block_html(h.text, pack, h.location) for h in helps]
    tokens = tuple(help_tokens_in(h.text for h in helps)) + STUDENT_HELP
    for entry in help_entries(pack, tokens, ui):
        contacts = "; ".join(
            f'{escape_html(c.label)}: <bdi dir="ltr">{escape_html(c.value)}</bdi>' for c in entry.contacts
        )
        parts.append(f"<p><strong>{escape_html(entry.name)}</strong>: {contacts}</p>")
    parts.append(f"<p>{escape_html(ui('You will not be in trouble for telling.'))}</p>")
    body = "\n".join(parts)
    return (
        f'<!DOCTYPE html>\n<html lang="{escape_html(locale.language)}" dir="{locale.direction}">\n<head>\n'
        f'<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape_html(lesson.quiz.title)}</title>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def write_cartridge(
    target: Path,
    identifier: str,
    title: str,
    locale: Locale,
    lessons: Sequence[CartridgeLesson],
    pack: CountryPack,
    ui: Callable[[str], str],
    licence: str,
) -> None:
    """Write the `.imscc` zip: the manifest first, then each lesson's page, assessment and files."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:

        def add(name: str, data: bytes) -> None:
            info = zipfile.ZipInfo(name, _ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)

        add("imsmanifest.xml", manifest_xml(identifier, title, locale, lessons, ui, licence))
        for lesson in lessons:
            folder = PurePosixPath(lesson.quiz.id)
            add(str(folder / "index.html"), lesson_page(lesson, locale, pack, ui).encode("utf-8"))
            if lesson.quiz.questions:
                add(str(folder / "assessment.xml"), assessment_xml(lesson.quiz, locale.language))
            for path in lesson.files.values():
                add(str(folder / path.name), path.read_bytes())
