"""Where the app's own files are: the top-level folders in a checkout, or inside the wheel."""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent


def resource_dir(name: str) -> Path:
    """Return the folder `name` (templates, static, migrations) in the wheel or the checkout."""
    packaged = PACKAGE_DIR / name
    if packaged.is_dir():
        return packaged
    return PACKAGE_DIR.parent / name


TEMPLATES_DIR = resource_dir("templates")
STATIC_DIR = resource_dir("static")
MIGRATIONS_DIR = resource_dir("migrations")
ILLUSTRATIONS_DIR = STATIC_DIR / "illustrations"
FONTS_DIR = STATIC_DIR / "fonts"
