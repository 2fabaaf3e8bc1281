"""Word: embed the booklet's fonts in the .docx the way Word does (ECMA-376 Part 1 §17.8.1).

A computer without Andika (or a Noto face) would otherwise lay the Word file out with another
font and reflow its pages. Each face goes in whole (regular and bold) as an obfuscated font part,
/word/fonts/fontN.odttf, related from the font table's <w:font> entry by <w:embedRegular> and
<w:embedBold>, whose w:fontKey is the GUID that obfuscates it; settings.xml says
<w:embedTrueTypeFonts/>. The faces are not subsetted (that would take the Sam test booklet
from 0.89 MB to 0.25 MB): a family editing the booklet may type letters it does not use yet,
and recent LibreOffice sets aside a font marked w:subsetted when the file is opened for
editing, so the pages would reflow again. The obfuscated parts are content-typed by Override
entries, python-docx's way; Word writes a Default for "odttf", and readers take either.
"""

from __future__ import annotations

import hashlib
import io
import uuid
from functools import cache

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part, XmlPart
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from storyboard.booklet.fonts import FACES, Face

OBFUSCATED_FONT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
FONT_PARTNAME = "/word/fonts/font%d.odttf"
# Any fixed namespace: the key of a font is derived from its bytes, so exports are repeatable.
_KEY_NAMESPACE = uuid.UUID("5b0c2f43-9a1e-4d0b-8f66-2a7e0d1c9b10")
_OBFUSCATED_LENGTH = 32


def font_key(data: bytes) -> uuid.UUID:
    """Return the GUID that obfuscates a font: the same for the same font file."""
    return uuid.uuid5(_KEY_NAMESPACE, hashlib.sha256(data).hexdigest())


def key_attribute(key: uuid.UUID) -> str:
    """Return the w:fontKey form of a GUID: braces and upper-case hex digits."""
    return "{" + str(key).upper() + "}"


def obfuscate(data: bytes, key: uuid.UUID) -> bytes:
    """XOR the first 32 bytes of a font with the key (the same call undoes it).

    ECMA-376 Part 1 §17.8.1: the key's bytes are the GUID's hex digits read from the last
    pair to the first, and bytes 0-15 and 16-31 of the font are each XORed with them.
    """
    reversed_key = key.bytes[::-1]
    head = bytes(b ^ reversed_key[i % 16] for i, b in enumerate(data[:_OBFUSCATED_LENGTH]))
    return head + data[_OBFUSCATED_LENGTH:]


@cache
def _font_file(face_key: str, bold: bool) -> bytes:
    return FACES[face_key].path(bold).read_bytes()


def _add_font_entry(fonts, face: Face, embeds: list[tuple[str, str, uuid.UUID]]) -> None:
    """Add a face's <w:font> entry to the font table, describing it from its regular file."""
    from fontTools.ttLib import TTFont

    os2 = TTFont(io.BytesIO(_font_file(face.key, False)), lazy=True)["OS/2"]
    panose = os2.panose
    for old in fonts.findall(qn("w:font")):
        if old.get(qn("w:name")) == face.family:
            fonts.remove(old)
    entry = OxmlElement("w:font")
    entry.set(qn("w:name"), face.family)
    fonts.append(entry)
    fields = (
        "bFamilyType", "bSerifStyle", "bWeight", "bProportion", "bContrast",
        "bStrokeVariation", "bArmStyle", "bLetterForm", "bMidline", "bXHeight",
    )  # fmt: skip
    children = [
        ("w:panose1", {"w:val": "".join(f"{getattr(panose, f):02X}" for f in fields)}),
        ("w:charset", {"w:val": "00"}),
        ("w:family", {"w:val": "auto"}),
        ("w:pitch", {"w:val": "variable"}),
        (
            "w:sig",
            {
                "w:usb0": f"{os2.ulUnicodeRange1:08X}",
                "w:usb1": f"{os2.ulUnicodeRange2:08X}",
                "w:usb2": f"{os2.ulUnicodeRange3:08X}",
                "w:usb3": f"{os2.ulUnicodeRange4:08X}",
                "w:csb0": f"{os2.ulCodePageRange1:08X}",
                "w:csb1": f"{os2.ulCodePageRange2:08X}",
            },
        ),
    ]
    children += [(tag, {"r:id": rid, "w:fontKey": key_attribute(key)}) for tag, rid, key in embeds]
    for tag, attrs in children:  # set in the tree, so r:id takes the root's r prefix
        child = OxmlElement(tag)
        entry.append(child)
        for name, value in attrs.items():
            child.set(qn(name), value)


def _font_table(document) -> XmlPart:
    """Return the document's font table as an XML part (python-docx keeps it as bytes)."""
    main = document.part
    rid, table = next(
        (r.rId, r.target_part) for r in main.rels.values() if r.reltype == RT.FONT_TABLE
    )
    if isinstance(table, XmlPart):
        return table
    xml_table = XmlPart.load(table.partname, table.content_type, table.blob, main.package)
    main.drop_rel(rid)
    main.load_rel(RT.FONT_TABLE, xml_table, rid)
    return xml_table


# The start of CT_Settings' sequence, up to the settings the booklet writes.
_SETTINGS_ORDER = (
    "w:writeProtection",
    "w:view",
    "w:zoom",
    "w:removePersonalInformation",
    "w:removeDateAndTime",
    "w:doNotDisplayPageBoundaries",
    "w:displayBackgroundShape",
    "w:printPostScriptOverText",
    "w:printFractionalCharacterWidth",
    "w:printFormsData",
    "w:embedTrueTypeFonts",
)


def switch_on(settings, tag: str) -> None:
    """Switch an on/off setting on, in the place the schema gives it (Word checks the order)."""
    if settings.find(qn(tag)) is not None:
        return
    element = OxmlElement(tag)
    earlier = [qn(t) for t in _SETTINGS_ORDER[: _SETTINGS_ORDER.index(tag)]]
    before = [child for child in settings if child.tag in earlier]
    if before:
        before[-1].addnext(element)
    else:
        settings.insert(0, element)


def embed_fonts(document, face_keys: list[str]) -> None:
    """Embed the regular and bold files of each face in a python-docx Document."""
    table = _font_table(document)
    package = document.part.package
    for face_key in face_keys:
        face = FACES[face_key]
        embeds = []
        for tag, bold in (("w:embedRegular", False), ("w:embedBold", True)):
            data = _font_file(face_key, bold)
            key = font_key(data)
            part = Part(
                package.next_partname(FONT_PARTNAME), OBFUSCATED_FONT, obfuscate(data, key), package
            )
            embeds.append((tag, table.relate_to(part, RT.FONT), key))
        _add_font_entry(table.element, face, embeds)
    switch_on(document.settings.element, "w:embedTrueTypeFonts")
