"""Shipped model files (gzip JSON, never pickle), each with a model card NAME.md."""
