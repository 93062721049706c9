#!/usr/bin/env bash
# Checks what the build, the tests and hack/local.sh need, installs what it can, and says what it found:
#   - a JDK 17 or newer (apt: openjdk-17-jdk-headless)
#   - python3 with moto[server] 5.2.x and boto3 (pip)
#   - kubectl 1.31 or newer (apt, only from the Kubernetes package repository: Debian's kubernetes-client is 1.20)
#   - shellcheck (apt: shellcheck; the tests check the nodes' boot scripts with it)
# Safe to run again: it installs only what is missing. Installer errors (apt, pip) are shown, never hidden. Whatever is
# still missing at the end is listed with how to get it, and the script fails.
set -euo pipefail

moto_series=5.2
moto_pin=5.2.1
kubectl_min_minor=31 # the test API server reports v1.32; kubectl supports one minor version of skew

say() { printf 'prereqs: %s\n' "$*"; }
missing=()
miss() { missing+=("$1"); }

apt_updated=
# apt_install PACKAGE...: installs Debian packages when apt-get is there and we are root.
apt_install() {
  if ! command -v apt-get >/dev/null; then
    say "no apt-get here: cannot install $*"
    return 1
  fi
  if [ "$(id -u)" != 0 ]; then
    say "not root: cannot apt-get install $* (run this script as root, or install them yourself)"
    return 1
  fi
  if [ -z "$apt_updated" ]; then
    apt-get update -q || { say "apt-get update failed (output above)"; return 1; }
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" \
    || { say "apt-get install $* failed (output above)"; return 1; }
}

# apt_has PACKAGE: apt knows an installable version of PACKAGE (after an update, if we may run one).
apt_has() {
  command -v apt-cache >/dev/null || return 1
  if [ -z "$apt_updated" ] && [ "$(id -u)" = 0 ]; then
    apt-get update -q || return 1
    apt_updated=1
  fi
  apt-cache policy "$1" 2>/dev/null | grep -q 'Candidate: [0-9]'
}

# --- Java ------------------------------------------------------------------------------------------------------------
java_major() { java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
java_ok() { command -v java >/dev/null && [[ "$(java_major)" =~ ^[0-9]+$ ]] && [ "$(java_major)" -ge 17 ]; }

if ! java_ok; then
  if command -v java >/dev/null; then
    say "java $(java_major) found at $(command -v java); 17 or newer is needed"
  else
    say "java not found"
  fi
  say "installing openjdk-17-jdk-headless"
  apt_install openjdk-17-jdk-headless || true
fi
if java_ok; then
  say "java $(java_major) ($(command -v java))"
else
  miss "JDK 17 or newer on the PATH: apt-get install openjdk-17-jdk-headless (Debian 12, Ubuntu 22.04+), or a JDK 17 from https://adoptium.net"
fi

# --- python3, moto, boto3 --------------------------------------------------------------------------------------------
if ! command -v python3 >/dev/null; then
  say "python3 not found; installing python3, python3-pip and python3-venv"
  apt_install python3 python3-pip python3-venv || true
fi

# moto_version: the version of the moto that python3 imports, if moto.server and boto3 import; empty otherwise.
moto_version() { python3 -c 'import boto3, moto, moto.server; print(moto.__version__)' 2>/dev/null || true; }
moto_ok() { [[ "$(moto_version)" == "$moto_series".* ]]; }

if command -v python3 >/dev/null; then
  python="$(command -v python3)"
  if ! moto_ok; then
    found="$(python3 -c 'import moto; print(moto.__version__)' 2>/dev/null || true)"
    if [ -z "$found" ]; then
      say "moto is not installed for $python"
    elif [[ "$found" != "$moto_series".* ]]; then
      say "moto $found found for $python; $moto_series.x is needed (hack/moto-server.py patches moto $moto_series)"
    else
      say "moto $found found for $python, but moto.server or boto3 does not import (moto needs the [server] extra)"
    fi
    say "installing moto[server]==$moto_pin and boto3 with pip (a minute or so; pip's errors are shown)"
    python3 -m pip install -q --disable-pip-version-check "moto[server]==$moto_pin" boto3 \
      || say "pip install failed (output above)"
  fi
  if moto_ok; then
    say "moto $(moto_version) with boto3 ($python)"
  else
    miss "moto[server] $moto_series.x and boto3 for $python: python3 -m pip install 'moto[server]==$moto_pin' boto3
    If pip refuses (externally-managed-environment on Debian/Ubuntu) or is missing, use a virtual environment and keep
    it activated when you build or run hack/local.sh:
      python3 -m venv ~/.venvs/slipway && . ~/.venvs/slipway/bin/activate && pip install 'moto[server]==$moto_pin' boto3"
  fi
else
  miss "python3 (3.9 or newer) with moto[server] $moto_series.x and boto3: apt-get install python3 python3-venv, then see above"
fi

# --- kubectl ---------------------------------------------------------------------------------------------------------
kubectl_version() { kubectl version --client -o json 2>/dev/null | sed -n 's/.*"gitVersion": *"\([^"]*\)".*/\1/p' | head -n 1; }
kubectl_minor() { kubectl version --client -o json 2>/dev/null | sed -n 's/.*"minor": *"\([0-9]*\).*/\1/p' | head -n 1; }
kubectl_ok() {
  command -v kubectl >/dev/null || return 1
  local minor
  minor="$(kubectl_minor)"
  [[ "$minor" =~ ^[0-9]+$ ]] && [ "$minor" -ge "$kubectl_min_minor" ]
}

if ! kubectl_ok; then
  if command -v kubectl >/dev/null; then
    say "kubectl $(kubectl_version) found at $(command -v kubectl); 1.$kubectl_min_minor or newer is needed"
  else
    say "kubectl not found"
  fi
  if apt_has kubectl; then
    say "installing kubectl from the configured Kubernetes package repository"
    apt_install kubectl || true
  else
    say "apt knows no kubectl package (it comes only from the Kubernetes repository, pkgs.k8s.io)"
  fi
fi
if kubectl_ok; then
  say "kubectl $(kubectl_version) ($(command -v kubectl))"
else
  miss "kubectl 1.$kubectl_min_minor or newer on the PATH: see https://kubernetes.io/docs/tasks/tools/install-kubectl-linux/
    (the binary from dl.k8s.io, or apt from pkgs.k8s.io; Debian's kubernetes-client package is 1.20, far too old)"
fi

# --- shellcheck ------------------------------------------------------------------------------------------------------
if ! command -v shellcheck >/dev/null; then
  say "shellcheck not found; installing it"
  apt_install shellcheck || true
fi
if command -v shellcheck >/dev/null; then
  say "shellcheck $(shellcheck --version | sed -n 's/^version: //p') ($(command -v shellcheck))"
else
  miss "shellcheck on the PATH (the tests check the nodes' boot scripts with it): apt-get install shellcheck, or a
    release binary from https://github.com/koalaman/shellcheck/releases"
fi

# --- verdict ---------------------------------------------------------------------------------------------------------
if [ "${#missing[@]}" -gt 0 ]; then
  say "missing:" >&2
  for m in "${missing[@]}"; do
    printf '  - %s\n' "$m" >&2
  done
  exit 1
fi
say "all present"
