"""Archive batch: ``quotes batch INPUT OUTPUT``.

Documents come from a JSONL file (``{"id", "text", "format"?}`` per line), a
folder of ``.txt`` / ``.html`` files, or Parquet (``id``, ``text``, optional
``format`` columns; a file or a folder of files). Each gets one row in OUTPUT:
the API's v1 result for that document (the same ``result_document`` and
``ResultSchema`` the HTTP service dumps) or, when it failed, its
``{"id", "error"}`` slot, never a missing row.

OUTPUT is JSONL (written as ``OUTPUT.partial``, one fsynced line at a time,
renamed to OUTPUT when every document is done) or, for a ``.parquet`` / ``.pq``
name, a Parquet dataset: a directory of part files, each written under a
hidden temporary name and renamed, and a ``_SUCCESS`` marker once complete.
Rerunning the same command resumes: documents whose id is already in OUTPUT
are skipped, and a torn last JSONL line is dropped.

Single machine: ``--workers N`` processes, each with one pipeline, fed chunks of
documents parsed in one Stanza bulk call. Many machines: ``--engine dask``
(:mod:`quotes.batch.dask_engine`). Each document is held to ``QUOTES_MAX_CHARS``
(``--max-chars``) and its parse to ``QUOTES_REQUEST_TIMEOUT`` seconds
(``--timeout``), through the same deadline the service uses.

The modules, each below the next: :mod:`.documents` (one document in, one row out: the
service's validation, HTML handling, time limit and JSON), :mod:`.sources` and :mod:`.sinks`,
:mod:`.progress` and :mod:`.plan` (what to run), then the two engines (:mod:`.runner`, which also
runs a batch with either, and :mod:`.dask_engine`), :mod:`.summary`, and :mod:`.cli` (the
command). Nothing here imports the web service.
"""
