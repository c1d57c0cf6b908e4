"""Training the learned verifier (needs the ``train`` extra: PyTorch). The product never imports
this package: it runs the exported ONNX model through ``factdiff.verify``."""
