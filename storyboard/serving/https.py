"""HTTPS for `storyboard run` on a laptop: this machine's addresses and a certificate for them.

Browsers let a page use the microphone and keep words offline only on a secure origin, and a
tablet reaches the laptop by its network address, not "localhost". So `storyboard run --host
0.0.0.0 --https` makes a self-signed certificate naming this machine's addresses, kept
owner-only in the instance folder and made again when an address changes or it nears its end.
"""

from __future__ import annotations

import contextlib
import datetime
import ipaddress
import os
import socket
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

FOLDER = "https"
CERT_FILE = "certificate.pem"
KEY_FILE = "private-key.pem"
VALID_DAYS = 365
RENEW_DAYS = 30  # made again when fewer days than this are left
ALWAYS = ("localhost", "127.0.0.1", "::1")
# Any address outside this machine: connecting a UDP socket sends nothing, but picks the
# address this machine would use to reach the network (TEST-NET-1, RFC 5737).
_PROBE = ("192.0.2.1", 9)


def network_addresses() -> list[str]:
    """This machine's IPv4 addresses on the network (not loopback), the usual one first."""
    found: list[str] = []
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.connect(_PROBE)
        found.append(probe.getsockname()[0])
    with contextlib.suppress(OSError):
        for *_, address in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            found.append(str(address[0]))
    usable = []
    for text in found:
        address = ipaddress.ip_address(text)
        local = address.is_loopback or address.is_unspecified or address.is_link_local
        if not local and text not in usable:
            usable.append(text)
    return usable


def _general_name(name: str) -> x509.GeneralName:
    try:
        return x509.IPAddress(ipaddress.ip_address(name))
    except ValueError:
        return x509.DNSName(name)


def names_in(certificate: x509.Certificate) -> set[str]:
    """The host names and addresses a certificate is good for."""
    try:
        sans = certificate.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        return set()
    return {str(n) for n in sans.get_values_for_type(x509.IPAddress)} | set(
        sans.get_values_for_type(x509.DNSName)
    )


def _still_good(cert_path: Path, names: list[str]) -> bool:
    try:
        certificate = x509.load_pem_x509_certificate(cert_path.read_bytes())
    except (OSError, ValueError):
        return False
    left = certificate.not_valid_after_utc - datetime.datetime.now(datetime.UTC)
    return set(names) <= names_in(certificate) and left > datetime.timedelta(days=RENEW_DAYS)


def certificate_for(instance: Path, addresses: list[str]) -> tuple[Path, Path]:
    """The certificate and key files for these addresses (and localhost), made if needed."""
    folder = Path(instance) / FOLDER
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    folder.chmod(0o700)
    cert_path, key_path = folder / CERT_FILE, folder / KEY_FILE
    hostname = socket.gethostname()
    names = list(dict.fromkeys([*ALWAYS, *([hostname] if hostname else []), *addresses]))
    if key_path.exists() and _still_good(cert_path, names):
        return cert_path, key_path
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"Storyboard on {hostname}")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=VALID_DAYS))
        .add_extension(x509.SubjectAlternativeName([_general_name(n) for n in names]), False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), False)
        .sign(key, hashes.SHA256())
    )
    # The key is written owner-only from its first byte (O_CREAT with 0600), never widened.
    key_bytes = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    key_path.unlink(missing_ok=True)
    fd = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(key_bytes)
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    cert_path.chmod(0o600)
    return cert_path, key_path
