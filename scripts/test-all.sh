#!/usr/bin/env bash
# Runs every test on a fresh machine: installs what the tests need first (npm packages from the lock file,
# Debian's Chromium and CJK fonts for the browser tests, Debian's PostgreSQL server for the PostgreSQL store's
# tests), builds the web app, type-checks, then runs vitest (which starts and stops a throwaway PostgreSQL).
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "noto sans cjk"; then missing+=(chromium fonts-noto-cjk); fi
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then missing+=(postgresql postgresql-contrib); fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian's ${missing[*]} for the browser and PostgreSQL tests…"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

npm ci --no-audit --no-fund
npm run build
npm run typecheck
npx vitest run
