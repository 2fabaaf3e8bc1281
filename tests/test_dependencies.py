"""pyproject.toml declares every third-party package the code imports, and the lock pins each."""

from __future__ import annotations

import ast
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
LOCK = ROOT / "requirements" / "lock.txt"
# Code the app runs: only runtime dependencies, and the `fast` extra it does without (an
# accelerator not built for every platform). Code around it: the test extra too.
RUNTIME_CODE = ("storyboard", "migrations")
OTHER_CODE = ("tests", "bench", "tools")


def declared(*groups: str) -> set[str]:
    """Canonical names of the runtime dependencies, plus those of the given extras."""
    lines = list(PROJECT["dependencies"])
    for group in groups:
        lines += PROJECT["optional-dependencies"][group]
    return {canonicalize_name(Requirement(line).name) for line in lines}


def imported_top_levels(*folders: str) -> dict[str, str]:
    """Top-level modules imported (absolutely) anywhere in the folders: name -> first file."""
    found: dict[str, str] = {}
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    found.setdefault(name.partition(".")[0], str(path.relative_to(ROOT)))
    return found


def undeclared(folders: tuple[str, ...], allowed: set[str]) -> list[str]:
    """Imports in the folders whose distribution is not among the allowed ones."""
    ours = {"storyboard", "tests", "bench"} | {
        p.stem for f in OTHER_CODE for p in (ROOT / f).glob("*.py")
    }
    owners = packages_distributions()
    problems = []
    for module, where in sorted(imported_top_levels(*folders).items()):
        if module in sys.stdlib_module_names or module in ours:
            continue
        dists = {canonicalize_name(d) for d in owners.get(module, [])}
        if not dists & allowed:
            problems.append(f"{module} (imported by {where}; installed as {sorted(dists)})")
    return problems


def test_app_imports_only_runtime_dependencies():
    assert undeclared(RUNTIME_CODE, declared("fast")) == []


def test_tests_benchmarks_and_tools_import_only_declared_packages():
    assert undeclared(OTHER_CODE, declared("test")) == []


def locked() -> dict[str, tuple[Version, int]]:
    """The lock file's pins: canonical name -> (version, number of hashes)."""
    pins: dict[str, tuple[Version, int]] = {}
    # Each pin is one logical line, continued with backslashes over its hashes.
    for entry in LOCK.read_text(encoding="utf-8").replace("\\\n", " ").splitlines():
        if not entry.strip() or entry.lstrip().startswith("#"):
            continue
        requirement, *options = entry.split(" --hash=")
        pin = Requirement(requirement.strip())
        (specifier,) = pin.specifier
        assert specifier.operator == "==", entry
        pins[canonicalize_name(pin.name)] = (Version(specifier.version), len(options))
    return pins


def test_lock_pins_every_declared_dependency_within_its_bounds():
    pins = locked()
    lines = list(PROJECT["dependencies"])
    for group in PROJECT["optional-dependencies"].values():
        lines += group
    problems = []
    for line in lines:
        requirement = Requirement(line)
        name = canonicalize_name(requirement.name)
        if name not in pins:
            problems.append(f"{line}: not in the lock")
        elif not requirement.specifier.contains(pins[name][0], prereleases=True):
            problems.append(f"{line}: the lock has {pins[name][0]}")
    assert problems == [], "refresh requirements/lock.txt as the README says"


def test_every_pin_carries_hashes():
    assert [name for name, (_, hashes) in locked().items() if hashes == 0] == []
