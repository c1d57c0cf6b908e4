"""The learned consistency verifier: P(the rewritten sentence is supported by its source).

Run time needs only ONNX Runtime and ``tokenizers`` (``onnx_verifier``); training and export
(``train``, ``export``, ``modeling``) need the ``[train]`` extra (PyTorch).
"""
