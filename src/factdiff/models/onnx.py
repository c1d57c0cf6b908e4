"""One way to open an ONNX model for CPU inference, shared by every model factdiff runs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from factdiff.errors import ModelError


def cpu_session(path: Path, name: str, threads: int | None = None) -> Any:
    """An onnxruntime session with full graph optimisation; ``threads`` caps intra-op threads
    (None = onnxruntime's default, all cores). A file that will not load is a ModelError."""
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    if threads is not None:
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
    try:
        return ort.InferenceSession(
            str(path), sess_options=opts, providers=["CPUExecutionProvider"]
        )
    except Exception as exc:  # onnxruntime raises its own exception types
        raise ModelError("model_unloadable", f"{name} could not be loaded: {exc}") from exc
