# The archive under gunicorn, static files served by whitenoise. Used by docker-compose.yml.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    HOST=0.0.0.0 \
    PORT=8000 \
    STATIC_ROOT=/app/staticfiles

WORKDIR /app
RUN useradd --create-home --uid 1000 archive

COPY pyproject.toml README.md ./
COPY archive ./archive
COPY config ./config
RUN pip install .

# Everything else but what .dockerignore leaves out, dev/ among it (benchmark, load test, evaluations).
COPY . .
# collectstatic reads the settings and opens no database (nor starts one: see manage.py); the key
# is a throwaway, so that no local key file is written into the image.
RUN SECRET_KEY=build-only python manage.py collectstatic --noinput --verbosity 0 \
    && mkdir -p /var/lib/archive/search-index \
    && chown -R archive /app /var/lib/archive

USER archive
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD python -c "import urllib.request,os; urllib.request.urlopen('http://127.0.0.1:%s/' % os.environ.get('PORT', '8000'), timeout=4)"
ENTRYPOINT ["/app/docker/entrypoint.sh"]
