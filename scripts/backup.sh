#!/usr/bin/env bash
# Backs up the portal: the PostgreSQL database (pg_dump, custom format) and the media files.
# Usage: DATABASE_URL=postgres://… [MEDIA_ROOT=/srv/media] scripts/backup.sh DEST_DIR
# MEDIA_ROOT defaults to the project's var/media, wherever the script is run from. Media kept in
# object storage (AWS_STORAGE_BUCKET_NAME) are backed up with the bucket's own tools instead.
set -euo pipefail
dest=${1:?usage: scripts/backup.sh DEST_DIR}
: "${DATABASE_URL:?DATABASE_URL must name the PostgreSQL database to back up}"
project=$(cd "$(dirname "$0")/.." && pwd)
media=${MEDIA_ROOT:-$project/var/media}

if [ ! -d "$media" ]; then
    echo "backup: no media folder at $media (set MEDIA_ROOT); nothing written" >&2
    exit 1
fi
mkdir -p "$dest"
pg_dump --format=custom --no-owner --no-privileges --file "$dest/database.dump" "$DATABASE_URL"
tar -C "$media" -czf "$dest/media.tar.gz" .
files=$(find "$media" -type f | wc -l)
echo "backup written to $dest: database.dump, media.tar.gz ($files files from $media)"
