"""Model files: where they are, and their pinned sha256 (``manifest.json``).

A manifest entry is ``{name: {"path" | "package" (+ "file"), "sha256", "source", "licence"}}``:
``path`` is relative to this folder (files shipped in the repository); ``package`` names an
installed pip package that carries the file ``file`` (``pip`` gives the requirement to
reinstall it). Nothing is ever downloaded at run time.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from factdiff.errors import ModelError
from factdiff.models.hashes import sha256_file, verify_file

MODELS_DIR = Path(__file__).resolve().parent
MANIFEST_PATH = MODELS_DIR / "manifest.json"

__all__ = [
    "MANIFEST_PATH",
    "MODELS_DIR",
    "load_manifest",
    "model_file",
    "sha256_file",
    "verify_file",
]


def load_manifest(path: Path = MANIFEST_PATH) -> dict[str, dict]:
    """The manifest as a dict; read each time (it is tiny) so nothing is cached globally."""
    return json.loads(path.read_text(encoding="utf-8"))


def install_hint(entry: dict) -> str:
    """How a user gets a missing or corrupt file back."""
    if "pip" in entry:
        return f"pip install --force-reinstall {entry['pip']}"
    if "package" in entry:
        return f"pip install --force-reinstall {entry['package']}"
    return "pip install --force-reinstall factdiff"


def model_file(name: str, manifest: dict[str, dict] | None = None) -> Path:
    """Resolve a manifest entry to a path and verify its sha256 (raises ModelError)."""
    manifest = load_manifest() if manifest is None else manifest
    if name not in manifest:
        raise ModelError("model_unknown", f"model {name!r} is not in {MANIFEST_PATH.name}")
    entry = manifest[name]
    hint = install_hint(entry)
    if "package" in entry:
        spec = importlib.util.find_spec(entry["package"])
        if spec is None or not spec.submodule_search_locations:
            raise ModelError(
                "model_missing",
                f"model file {name} is missing (package {entry['package']} is not installed): "
                f"reinstall with {hint}",
            )
        path = Path(next(iter(spec.submodule_search_locations))) / entry.get("file", "")
    else:
        path = MODELS_DIR / entry["path"]
    return verify_file(path, entry["sha256"], name, install_hint=hint)
