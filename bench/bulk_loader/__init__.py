"""The bulk loader of a generated corpus for benchmarks (``bench/load_corpus.py``).

``loader`` holds :class:`~bench.bulk_loader.loader.BulkLoader`, which writes a
bundle's items as pages, and ``tables`` the plain-row inserts and tree paths it
writes them with. The command line, the validation and the transaction are
``bench/load_corpus.py``'s.
"""
