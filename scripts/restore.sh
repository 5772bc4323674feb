#!/usr/bin/env bash
# Restores a backup made by scripts/backup.sh: the database into DATABASE_URL (replacing what is
# there) and the media files into MEDIA_ROOT, which must be empty or absent so that no stray file
# survives. Usage: DATABASE_URL=postgres://… [MEDIA_ROOT=/srv/media] scripts/restore.sh SRC_DIR
set -euo pipefail
src=${1:?usage: scripts/restore.sh SRC_DIR}
: "${DATABASE_URL:?DATABASE_URL must name the PostgreSQL database to restore into}"
project=$(cd "$(dirname "$0")/.." && pwd)
media=${MEDIA_ROOT:-$project/var/media}

for file in database.dump media.tar.gz; do
    [ -f "$src/$file" ] || { echo "restore: $src/$file is missing" >&2; exit 1; }
done
if [ -d "$media" ] && [ -n "$(ls -A "$media")" ]; then
    echo "restore: $media is not empty; move it aside first" >&2
    exit 1
fi
pg_restore --clean --if-exists --no-owner --no-privileges --exit-on-error \
    --dbname "$DATABASE_URL" "$src/database.dump"
mkdir -p "$media"
tar -C "$media" -xzf "$src/media.tar.gz"
echo "restored $src into the database and $media"
