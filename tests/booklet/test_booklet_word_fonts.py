"""The Word file carries the booklet's fonts, embedded and obfuscated as Word does.

The .docx is read back as a plain zip, without the code that wrote it: the font table entry
for each family the runs name, its relationships, the parts' content type, and the font that
de-obfuscating a part gives (ECMA-376 Part 1 §17.8.1). That LibreOffice then lays the file out
with these fonts is tests/test_booklet_layout.py's docx-pdf check.
"""

import io
import re
import uuid
import zipfile
from pathlib import PurePosixPath

import pytest
from fontTools.ttLib import TTFont
from lxml import etree

from storyboard.booklet import build_booklet, scene
from storyboard.booklet.fonts import FACES
from storyboard.booklet.render import RENDERERS
from storyboard.booklet.wordfonts import obfuscate
from storyboard.story import storyfile
from tests.booklet.test_booklet_formats import FIXTURES

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
FONT_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/font"
OBFUSCATED = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
NS = {"w": W, "r": R}


@pytest.fixture(autouse=True)
def test_library(monkeypatch):
    monkeypatch.setattr(scene, "ILLUSTRATIONS_DIR", FIXTURES / "library")


@pytest.fixture(scope="module")
def layla_docx():
    """The Arabic booklet: Noto Sans Arabic for its words, Andika for Latin ones."""
    saved = scene.ILLUSTRATIONS_DIR
    scene.ILLUSTRATIONS_DIR = FIXTURES / "library"
    try:
        booklet = build_booklet(storyfile.read(FIXTURES / "layla-ar.json"))
        return booklet, RENDERERS["docx"](booklet)
    finally:
        scene.ILLUSTRATIONS_DIR = saved


def spec_key(font_key: str) -> bytes:
    """The 16 key bytes of a w:fontKey: its hex digit pairs, the last pair first (§17.8.1)."""
    digits = re.fullmatch(r"\{([0-9A-F-]{36})\}", font_key).group(1).replace("-", "")
    return bytes.fromhex(digits)[::-1]


def deobfuscate(data: bytes, font_key: str) -> bytes:
    key = spec_key(font_key)
    return bytes(b ^ key[i % 16] for i, b in enumerate(data[:32])) + data[32:]


def content_type(package: zipfile.ZipFile, partname: str) -> str:
    types = etree.fromstring(package.read("[Content_Types].xml"))
    for override in types.findall(f"{{{CONTENT_TYPES}}}Override"):
        if override.get("PartName") == partname:
            return override.get("ContentType")
    extension = partname.rsplit(".", 1)[-1].lower()
    for default in types.findall(f"{{{CONTENT_TYPES}}}Default"):
        if default.get("Extension").lower() == extension:
            return default.get("ContentType")
    return ""


def test_key_order_is_the_specs():
    # The example GUID of ECMA-376 Part 1 §17.8.1 (and LibreOffice's reader).
    key = uuid.UUID("62E79491-959F-41E9-B76B-6B32631DEA5C")
    expected = bytes.fromhex("5CEA1D63326B6BB7E9419F959194E762")
    font = bytes(range(40))
    hidden = obfuscate(font, key)
    assert hidden[:16] == bytes(a ^ b for a, b in zip(font[:16], expected, strict=True))
    assert hidden[16:32] == bytes(a ^ b for a, b in zip(font[16:32], expected, strict=True))
    assert hidden[32:] == font[32:]
    assert obfuscate(hidden, key) == font
    assert deobfuscate(hidden, "{62E79491-959F-41E9-B76B-6B32631DEA5C}") == font


def test_every_run_font_is_embedded_regular_and_bold(layla_docx):
    booklet, data = layla_docx
    package = zipfile.ZipFile(io.BytesIO(data))
    document = etree.fromstring(package.read("word/document.xml"))
    used = {
        value
        for fonts in document.iterfind(".//w:rFonts", NS)
        for value in (fonts.get(f"{{{W}}}ascii"), fonts.get(f"{{{W}}}cs"))
    }
    assert used == {"Andika", "Noto Sans Arabic"}
    assert used == {FACES[key].family for key in booklet.faces}

    table = etree.fromstring(package.read("word/fontTable.xml"))
    rels = etree.fromstring(package.read("word/_rels/fontTable.xml.rels"))
    targets = {rel.get("Id"): rel for rel in rels.findall(f"{{{PKG_RELS}}}Relationship")}
    files = {face.family: face for face in FACES.values()}
    seen_parts = set()
    for family in sorted(used):
        (entry,) = table.xpath("w:font[@w:name=$name]", namespaces=NS, name=family)
        for tag, bold, style in (("embedRegular", False, "Regular"), ("embedBold", True, "Bold")):
            (embed,) = entry.findall(f"w:{tag}", NS)
            rel = targets[embed.get(f"{{{R}}}id")]
            assert rel.get("Type") == FONT_REL
            partname = str(PurePosixPath("/word") / rel.get("Target"))
            assert re.fullmatch(r"/word/fonts/font\d+\.odttf", partname)
            assert content_type(package, partname) == OBFUSCATED
            hidden = package.read(partname.lstrip("/"))
            original = files[family].path(bold).read_bytes()
            assert hidden[:32] != original[:32] and hidden[32:] == original[32:]
            font = deobfuscate(hidden, embed.get(f"{{{W}}}fontKey"))
            assert font == original
            names = TTFont(io.BytesIO(font))["name"]
            assert names.getDebugName(1) == family
            assert names.getDebugName(2) == style
            seen_parts.add(partname)
    assert len(seen_parts) == 4


def test_settings_ask_word_to_keep_the_fonts(layla_docx):
    _, data = layla_docx
    settings = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/settings.xml"))
    tags = [etree.QName(child).localname for child in settings]
    assert "embedTrueTypeFonts" in tags
    assert "saveSubsetFonts" not in tags  # the fonts go in whole
    # In the schema's order: after the zoom, before proofState.
    assert tags.index("zoom") < tags.index("embedTrueTypeFonts") < tags.index("proofState")


def test_embedded_fonts_repeat_from_export_to_export(layla_docx):
    booklet, data = layla_docx
    again = RENDERERS["docx"](booklet)

    def fonts(blob):
        package = zipfile.ZipFile(io.BytesIO(blob))
        names = sorted(n for n in package.namelist() if n.startswith("word/fonts/"))
        return [package.read(n) for n in names], package.read("word/fontTable.xml")

    assert fonts(again) == fonts(data)
