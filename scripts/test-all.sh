#!/usr/bin/env bash
# Runs every test on a fresh machine: installs what the tests need first (npm packages from the lock file,
# Debian's Chromium and CJK fonts for the browser tests), builds the web app, type-checks, then runs vitest.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "noto sans cjk"; then
  echo "Installing Debian's Chromium and CJK fonts for the browser tests…"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >/dev/null
fi

npm ci --no-audit --no-fund
npm run build:ui
npm run typecheck
npx vitest run
