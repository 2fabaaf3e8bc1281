"""`storyboard run --host 0.0.0.0 --https`: this machine's addresses, and a certificate for them."""

from __future__ import annotations

import ipaddress
import os
import re
import ssl
import stat
import subprocess
import time
import urllib.request

from cryptography import x509

from storyboard.serving import https
from tests.fixtures.servers import STORYBOARD, free_port


def sans(path) -> set[str]:  # noqa: ANN001
    return https.names_in(x509.load_pem_x509_certificate(path.read_bytes()))


def test_the_certificate_names_the_addresses_and_is_made_again_when_one_changes(tmp_path):
    cert, key = https.certificate_for(tmp_path, ["192.168.1.20"])
    assert {"localhost", "127.0.0.1", "::1", "192.168.1.20"} <= sans(cert)
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "https").stat().st_mode) == 0o700
    first = cert.read_bytes()
    assert https.certificate_for(tmp_path, ["192.168.1.20"])[0].read_bytes() == first
    # The laptop joins another network: a certificate for the new address.
    cert, _ = https.certificate_for(tmp_path, ["10.0.0.7"])
    assert cert.read_bytes() != first and "10.0.0.7" in sans(cert)


def test_network_addresses_are_never_loopback():
    for address in https.network_addresses():
        assert not ipaddress.ip_address(address).is_loopback


def test_run_on_all_addresses_with_https_serves_the_setup_link_over_https(tmp_path):
    instance = tmp_path / "instance"
    env = {k: v for k, v in os.environ.items() if not k.startswith("STORYBOARD_")}
    env["STORYBOARD_INSTANCE_PATH"] = str(instance)
    port = free_port()
    process = subprocess.Popen(
        [STORYBOARD, "run", "--host", "0.0.0.0", "--port", str(port), "--https"],  # noqa: S104
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    try:
        printed, link = [], None
        deadline = time.monotonic() + 60
        while link is None and time.monotonic() < deadline:
            printed.append(process.stdout.readline())
            found = re.search(rf"https://[^/\s]+:{port}/setup/[A-Za-z0-9_-]{{40,}}", printed[-1])
            link = found.group(0) if found else None
        assert link, "".join(printed)
        addresses = https.network_addresses()
        shown = addresses[0] if addresses else "127.0.0.1"
        assert link.startswith(f"https://{shown}:{port}/")  # links name the network address
        if addresses:
            assert f"https://{shown}:{port}" in "".join(printed[:-1])
        cert = instance / "https" / https.CERT_FILE
        assert {"127.0.0.1", *addresses} <= sans(cert)
        # The browser trusts this certificate (as a tablet does once told to): the request
        # works, and the host name is checked against the certificate's names.
        context = ssl.create_default_context(cafile=str(cert))
        for _ in range(100):
            try:
                with urllib.request.urlopen(link, context=context, timeout=5) as response:  # noqa: S310
                    page = response.read().decode()
                    cookie = response.headers["Set-Cookie"]
                break
            except OSError:
                time.sleep(0.1)
        assert "Create the first administrator" in page
        assert cookie.startswith("__Host-") and "Secure" in cookie
    finally:
        process.terminate()
        process.wait(timeout=10)
