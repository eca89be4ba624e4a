# The quotes service: gunicorn with config/gunicorn.conf.py, CPU-only torch, the embedded model by default.
#   docker build -t quotes .                              # embedded model (small; non-commercial training data)
#   docker build -t quotes --build-arg DOWNLOAD_MODELS=1 . # official Stanza English models fetched at build
#   docker run -p 8000:8000 -v /srv/stanza:/models:ro -e QUOTES_STANZA_DIR=/models quotes   # or mount them
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    STANZA_RESOURCES_DIR=/opt/stanza_resources \
    PORT=8000

WORKDIR /app

# The CPU build of torch first, from PyTorch's CPU index, so nothing pulls a CUDA build.
RUN pip install --no-cache-dir torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu

# The versions CI tested (constraints.txt pins every dependency; torch's +cpu build matches torch==2.13.0).
# Installed from a copy outside /app, then the copy removed: from /app, `import quotes` would
# otherwise find the source before the installed package. A C compiler only while installing:
# setup.py compiles the extraction engine with mypyc (about 2x faster extraction; docs/speed.md),
# and the image must run it compiled.
COPY pyproject.toml setup.py README.md constraints.txt /tmp/build/
COPY quotes /tmp/build/quotes
# hadolint ignore=DL3008
RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev \
    && pip install --no-cache-dir -c /tmp/build/constraints.txt /tmp/build && quotes --help > /dev/null \
    && python -c "import quotes.engine as e; assert e.compiled(), 'the engine did not compile'" \
    && apt-get purge -y --auto-remove gcc libc6-dev && rm -rf /var/lib/apt/lists/* /tmp/build

ARG DOWNLOAD_MODELS=0
RUN if [ "$DOWNLOAD_MODELS" = "1" ]; then quotes download --dir "$STANZA_RESOURCES_DIR"; fi

COPY app.py Procfile ./
COPY config ./config

RUN groupadd --system --gid 10001 quotes \
    && useradd --system --uid 10001 --gid quotes --no-create-home --shell /usr/sbin/nologin quotes
# Numeric, so orchestrators can check runAsNonRoot.
USER 10001:10001

EXPOSE 8000
# Ready = the model is loaded and parses; the start period covers loading it.
HEALTHCHECK --interval=30s --timeout=10s --start-period=120s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/readyz' % os.environ.get('PORT', '8000'), timeout=8)"]
CMD ["gunicorn", "-c", "config/gunicorn.conf.py", "app:app"]
