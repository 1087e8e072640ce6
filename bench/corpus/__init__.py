"""A generated ``portal-bundle/1`` corpus for benchmarks (standard library only).

``taxonomy`` and ``vocabulary`` hold the data the text is built from,
``generator`` the seeded :class:`~bench.corpus.generator.Generator` of the
bundle, and ``files`` :func:`~bench.corpus.files.write_corpus`, which writes
it (and its PDFs) to disk. ``bench/generate_corpus.py`` is the command line.
"""
