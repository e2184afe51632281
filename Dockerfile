# Stagetraject: the web service or the scheduler (same image; see compose.yaml, docs/BEHEER.md).
# Debian (bookworm) with Python; Graphviz for the diagrams' PNG downloads, Pango for WeasyPrint's
# contract PDFs and HarfBuzz's subset library for their fonts. Runs as a user without rights,
# never as root.
FROM python:3.12-slim-bookworm

RUN apt-get update \
    && apt-get install -y --no-install-recommends graphviz libpango-1.0-0 libpangoft2-1.0-0 \
        libharfbuzz-subset0 \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --system --create-home --uid 10001 --user-group stagetraject

WORKDIR /app
COPY pyproject.toml README.md LICENSE ./
COPY trajectory ./trajectory
COPY service ./service
COPY diagrams ./diagrams
RUN pip install --no-cache-dir . && rm -rf /app/build

USER stagetraject
ENV PYTHONUNBUFFERED=1
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/login', timeout=4)"]
CMD ["trajectory", "serve", "--host", "0.0.0.0", "--port", "8000", "--workers", "2"]
