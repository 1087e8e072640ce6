#!/usr/bin/env bash
# Back up the portal: the PostgreSQL database and the media files.
# The search indices are not backed up: they are rebuilt from the database
# (docs/OPERATIONS.md, "Backup and restore").
#
#   DATABASE_URL=postgres://... MEDIA_ROOT=/srv/eportal/media tools/backup.sh DIR
#
# Writes DIR/database.dump (pg_dump's custom format) and DIR/media.tar.gz.
set -euo pipefail

say() { echo "backup: $*"; }
die() { echo "backup: ERROR: $*" >&2; exit 1; }

dir="${1:-}"
[[ -n $dir ]] || die "usage: $0 DIR"
[[ ${DATABASE_URL:-} == postgres://* || ${DATABASE_URL:-} == postgresql://* ]] ||
    die "DATABASE_URL must name the PostgreSQL database (postgres://user:password@host:port/name)"
[[ -n ${MEDIA_ROOT:-} && -d $MEDIA_ROOT ]] || die "MEDIA_ROOT must name the media directory"
command -v pg_dump >/dev/null || die "pg_dump is required (apt-get install postgresql-client)"
mkdir -p "$dir"

say "dumping the database ..."
# Custom format: compressed, and pg_restore can restore it into an empty database.
pg_dump --format=custom --no-owner --no-privileges --file="$dir/database.dump" "$DATABASE_URL"
say "archiving the media files ..."
tar -C "$MEDIA_ROOT" -czf "$dir/media.tar.gz" .
say "done: $(du -h "$dir/database.dump" | cut -f1) database, $(du -h "$dir/media.tar.gz" | cut -f1) media in $dir"
