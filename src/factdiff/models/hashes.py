"""sha256 checks for model files, so a corrupt or swapped model fails loudly at load time
instead of silently giving other scores."""

from __future__ import annotations

import hashlib
from pathlib import Path

from factdiff.errors import ModelError

_CHUNK = 1 << 20


def sha256_file(path: str | Path) -> str:
    """Hex sha256 of a file, read in chunks so large models do not sit in memory twice."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for chunk in iter(lambda: fh.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def verify_file(
    path: str | Path,
    expected_sha256: str,
    name: str,
    install_hint: str = "pip install --force-reinstall factdiff",
) -> Path:
    """Return ``path`` when it exists and has the expected sha256; raise ModelError if not."""
    path = Path(path)
    if not path.is_file():
        raise ModelError(
            "model_missing", f"model file {name} is missing ({path}): reinstall with {install_hint}"
        )
    actual = sha256_file(path)
    if actual != expected_sha256.lower():
        raise ModelError(
            "model_corrupt",
            f"model file {name} is corrupt: sha256 {actual} != {expected_sha256} ({path}); "
            f"reinstall with {install_hint}",
        )
    return path
