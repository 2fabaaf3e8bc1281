"""CI's check of the lock file against known vulnerabilities (pip-audit), said plainly.

Fails on any known vulnerability not in requirements/audit-ignore.txt (each entry there is
an id with the reason it was reviewed). Where the vulnerability service cannot be reached
(our build machines), pip-audit audits nothing: this says so and does not fail, and
docs/security.md tells a council how to run it where it can.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOCK = ROOT / "requirements" / "lock.txt"
IGNORE = ROOT / "requirements" / "audit-ignore.txt"


def reviewed_ids() -> list[str]:
    """Vulnerability ids reviewed and accepted: the first word of each non-comment line."""
    lines = IGNORE.read_text(encoding="utf-8").splitlines() if IGNORE.exists() else []
    return [line.split()[0] for line in lines if line.strip() and not line.startswith("#")]


def main() -> int:
    """Run pip-audit on the lock file and report in words; 1 when something must be fixed."""
    command = [
        str(Path(sys.executable).with_name("pip-audit")), "-r", str(LOCK), "--require-hashes",
        "--disable-pip", "--progress-spinner", "off", "-f", "json",
    ]  # fmt: skip
    for vuln in reviewed_ids():
        command += ["--ignore-vuln", vuln]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)  # noqa: S603
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        print("pip-audit: the vulnerability service could not be reached from this machine;")
        print("  nothing was audited. Run it where PyPI is reachable (docs/security.md).")
        return 0
    packages = report.get("dependencies", [])
    audited = [p for p in packages if "skip_reason" not in p]
    found = [(p["name"], p["version"], v["id"]) for p in audited for v in p.get("vulns", [])]
    for name, version, ident in found:
        print(f"pip-audit: {name} {version} has {ident}")
    if not audited:
        print(f"pip-audit: none of the {len(packages)} locked packages could be audited: the")
        print("  vulnerability service cannot be reached from this machine. Run it where PyPI")
        print("  is reachable (docs/security.md).")
    else:
        print(f"pip-audit: {len(audited)} of {len(packages)} packages audited, {len(found)} known")
        print("  vulnerabilities not reviewed.")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
