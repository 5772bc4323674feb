#!/usr/bin/env bash
# Restores a backup made by scripts/backup.sh into DATABASE_URL (replacing what is there) and
# MEDIA_ROOT. Usage: DATABASE_URL=postgres://… [MEDIA_ROOT=/srv/media] scripts/restore.sh SRC_DIR
set -euo pipefail
src=${1:?usage: scripts/restore.sh SRC_DIR}
: "${DATABASE_URL:?DATABASE_URL must name the PostgreSQL database to restore into}"
media=${MEDIA_ROOT:-var/media}

pg_restore --clean --if-exists --no-owner --no-privileges --exit-on-error \
    --dbname "$DATABASE_URL" "$src/database.dump"
mkdir -p "$media"
tar -C "$media" -xzf "$src/media.tar.gz"
echo "restored $src into the database and $media"
