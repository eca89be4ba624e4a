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
COPY pyproject.toml README.md constraints.txt ./
COPY quotes ./quotes
RUN pip install --no-cache-dir -c constraints.txt . && quotes --help > /dev/null

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
