#!/bin/sh
# Migrate, load the seed archive (idempotent), then hand over to gunicorn.
set -eu
python manage.py migrate --noinput
if [ "${LOAD_SEED:-1}" = "1" ]; then
  python manage.py load_seed
fi
exec gunicorn --config gunicorn.conf.py config.wsgi
