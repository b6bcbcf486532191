#!/bin/sh
# The background worker: waits until the web container has applied the migrations
# (it is the one that migrates), then runs queued jobs such as big imports.
set -eu
until python manage.py migrate --check >/dev/null 2>&1; do
  echo "worker: waiting for the database migrations"
  sleep 3
done
exec python manage.py db_worker
