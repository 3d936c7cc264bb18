"""Cleaning on a Dask cluster (extra ``cleaner[dask]``).

Two ways in:

* ``cleaner clean INPUT... -o OUTDIR --scheduler tcp://HOST:PORT``: this machine walks,
  reads and hashes the inputs, the cluster cleans, and the results come back here to be
  written, so workers need cleaner installed but neither the inputs nor OUTDIR. The
  client's :class:`~cleaner.Cleaner` (with its rules) is sent to every worker once.
* :func:`clean_record` mapped over a ``dask.bag`` of records, for corpora that already
  live in a cluster or an object store (see README, "Cleaning on Dask").
"""

from __future__ import annotations

import time
from pathlib import Path

from .backends import CleanSettings, clean_document
from .inputs import InputDoc
from .pipeline import Cleaner
from .records import CleanResult
from .writers import render


def _need_distributed():
    try:
        import distributed
    except ImportError:  # pragma: no cover - depends on the environment
        raise RuntimeError("--scheduler needs Dask: pip install 'cleaner[dask]'") from None
    return distributed


def _first_line(exc: BaseException) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0]


def clean_remote(cleaner: Cleaner, settings: CleanSettings, doc: InputDoc,
                 content: bytes | str) -> CleanResult | dict:
    """Runs on a worker. Errors come back as ``{"error": ...}``, never raised."""
    try:
        return clean_document(cleaner, settings, doc, content)
    except Exception as exc:  # one bad document must not fail the graph
        return {"error": f"{type(exc).__name__}: {_first_line(exc)}"}


class DaskBackend:
    """Submit documents to a Dask scheduler; write their results locally as they return."""

    def __init__(self, address: str, cleaner: Cleaner, settings: CleanSettings, outdir: Path):
        distributed = _need_distributed()
        self.outdir, self.settings = outdir, settings
        try:
            self.client = distributed.Client(address, set_as_default=False)
        except Exception as exc:
            raise RuntimeError(f"cannot reach the Dask scheduler at {address}: {_first_line(exc)}") from None
        try:
            self._cleaner = self.client.scatter(cleaner, broadcast=True, hash=False)
        except Exception as exc:
            self.client.close()
            raise RuntimeError(f"the Dask workers at {address} cannot load the cleaner (is cleaner "
                               f"installed there?): {_first_line(exc)}") from None
        threads = sum(self.client.nthreads().values()) or 1
        self.window = max(8, threads * 4)

    def submit(self, doc: InputDoc, content: bytes | str):
        return self.client.submit(clean_remote, self._cleaner, self.settings, doc, content, pure=False)

    def wait_any(self, futures: list) -> None:
        # distributed.wait() needs a default client, which this one deliberately is not.
        while not any(f.done() for f in futures):
            time.sleep(0.005)

    def finish(self, doc: InputDoc, value: CleanResult | dict) -> dict:
        if isinstance(value, dict):
            return {"input": doc.label, **value}
        return render(self.outdir, doc, value, self.settings.format, self.settings.diff_format)

    def abandon(self, future) -> bool:
        future.cancel()
        return True  # nothing is written until finish(), so a dropped result leaves no trace

    def close(self) -> None:
        self.client.close()


def clean_record(record: dict, cleaner: Cleaner, content_key: str = "html", url_key: str = "url",
                 kind: str | None = None) -> dict:
    """Clean one record (a dict holding the page under ``content_key``).

    Returns the record without its content, plus ``title``, ``text``, ``site`` and
    ``removals`` (as dicts), or ``error`` when the page could not be cleaned.
    """
    out = {k: v for k, v in record.items() if k != content_key}
    try:
        result = cleaner.clean(record[content_key], url=record.get(url_key), kind=kind)
    except Exception as exc:  # one bad record must not fail the bag
        out["error"] = f"{type(exc).__name__}: {exc}"
        return out
    out.update(title=result.title, text=result.text, site=result.site,
               removals=[r.to_dict() for r in result.removals])
    return out
