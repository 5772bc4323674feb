#!/usr/bin/env bash
# Backs up the portal: the PostgreSQL database (pg_dump, custom format) and the media files.
# Usage: DATABASE_URL=postgres://… [MEDIA_ROOT=/srv/media] scripts/backup.sh DEST_DIR
set -euo pipefail
dest=${1:?usage: scripts/backup.sh DEST_DIR}
: "${DATABASE_URL:?DATABASE_URL must name the PostgreSQL database to back up}"
media=${MEDIA_ROOT:-var/media}

mkdir -p "$dest"
pg_dump --format=custom --no-owner --no-privileges --file "$dest/database.dump" "$DATABASE_URL"
mkdir -p "$media"
tar -C "$media" -czf "$dest/media.tar.gz" .
echo "backup written to $dest (database.dump, media.tar.gz)"
