#!/usr/bin/env bash
# What tests/test_report_browser.py needs on a fresh Debian machine: Debian's chromium, its chromedriver
# and a font. Run as root; idempotent (installs only what is missing) and quiet. The Python driver
# (selenium) comes from the project's test extras; the test gives it /usr/bin/chromedriver explicitly,
# so nothing is downloaded at test time.
set -euo pipefail
if [ "$(id -u)" -ne 0 ]; then
  echo "browser-deps.sh: run as root (it calls apt-get)" >&2
  exit 1
fi
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
dpkg-query -W -f='${Status}' fonts-dejavu-core 2>/dev/null | grep -q "ok installed" || missing+=(fonts-dejavu-core)
if [ "${#missing[@]}" -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
  echo "browser-deps.sh: installed ${missing[*]}"
fi
