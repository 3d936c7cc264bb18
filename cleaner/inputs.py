"""Finding and reading inputs; the readers live in :mod:`cleaner.readers`."""

from .readers import InputDoc, ReadOptions, iter_documents, kind_of, load_content, read_bytes, walk_inputs

__all__ = ["InputDoc", "ReadOptions", "iter_documents", "kind_of", "load_content", "read_bytes",
           "walk_inputs"]
