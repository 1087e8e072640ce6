"""The load and soak test of the portal (``bench/load_test.py``), in parts.

``server`` runs the portal, its database and its own OpenSearch node;
``visitors`` says what anonymous visitors ask for; ``clients`` sends it with
closed-loop clients and measures the answers; ``soak`` runs the long test
with an editor, the outbox worker and an engine restart. The command line and
the measured phases are ``bench/load_test.py``'s.
"""
