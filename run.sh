#!/usr/bin/env bash
# Starts the whole Purl stack with demo data: PostgreSQL, Redis, RabbitMQ, Purl.Api, Purl.Workers, Purl.Web.
# Installs what is missing first. Data stays in .purl/ between runs. Ctrl+C stops everything.
set -euo pipefail
cd "$(dirname "$0")"
scripts/prerequisites.sh postgresql redis-server rabbitmq-server acl
exec dotnet run --project Purl.AppHost -- "$@"
