# One image for every newsworker service (worker, migrate, producer tools).
FROM python:3.11-slim AS base

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN groupadd --system --gid 10001 newsworker \
 && useradd --system --uid 10001 --gid newsworker --home-dir /app --shell /usr/sbin/nologin newsworker

WORKDIR /app
COPY pyproject.toml README.md ./
COPY pipeline ./pipeline
COPY tasks ./tasks
COPY storage ./storage
COPY worker ./worker
RUN pip install '.[flower]' && chown -R newsworker:newsworker /app

USER newsworker
ENTRYPOINT ["newsworker"]
CMD ["worker"]
