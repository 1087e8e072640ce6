#!/usr/bin/env bash
# Restore the portal from a tools/backup.sh directory, then rebuild the search
# index from the restored database (docs/OPERATIONS.md, "Backup and restore").
#
#   DATABASE_URL=postgres://... MEDIA_ROOT=/srv/eportal/media [SEARCH_URL=...] \
#       tools/restore.sh DIR
#
# The database must exist and be empty (createdb); the media directory is
# replaced. Stop the web and index worker processes first.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { echo "restore: $*"; }
die() { echo "restore: ERROR: $*" >&2; exit 1; }

dir="${1:-}"
[[ -n $dir && -f $dir/database.dump && -f $dir/media.tar.gz ]] ||
    die "usage: $0 DIR (a directory written by tools/backup.sh)"
[[ ${DATABASE_URL:-} == postgres://* || ${DATABASE_URL:-} == postgresql://* ]] ||
    die "DATABASE_URL must name the PostgreSQL database to restore into"
[[ -n ${MEDIA_ROOT:-} ]] || die "MEDIA_ROOT must name the media directory"
command -v pg_restore >/dev/null || die "pg_restore is required (apt-get install postgresql-client)"
PY="${PYTHON:-.venv/bin/python}"

tables=$(psql -qtAX -d "$DATABASE_URL" -c \
    "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")
[[ $tables == 0 ]] || die "the database already has $tables table(s): restore into an empty one (createdb)"

say "restoring the database ..."
pg_restore --no-owner --no-privileges --exit-on-error --dbname="$DATABASE_URL" "$dir/database.dump"
say "restoring the media files ..."
mkdir -p "$MEDIA_ROOT"
find "$MEDIA_ROOT" -mindepth 1 -delete
tar -C "$MEDIA_ROOT" -xzf "$dir/media.tar.gz"
# A no-op for a dump of the same release; brings an older dump up to date.
"$PY" manage.py migrate --noinput
if [[ -n ${SEARCH_URL:-} ]]; then
    say "rebuilding the search index from the database ..."
    "$PY" manage.py search_index rebuild
    "$PY" manage.py search_index check
else
    say "SEARCH_URL is not set: no search index to rebuild (searches use the database)"
fi
say "done."
