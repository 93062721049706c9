#!/usr/bin/env bash
# Installs what the test suite needs and a fresh machine may lack: JDK 17, python3 with moto[server] 5.2.x and boto3,
# kubectl. Safe to run again; it only installs what is missing.
set -euo pipefail

say() { printf 'prereqs: %s\n' "$*"; }
apt_updated=
apt_install() {
  command -v apt-get >/dev/null || return 1
  [ -n "$apt_updated" ] || { apt-get update -qq >/dev/null 2>&1 || true; apt_updated=1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1
}

java_major() { java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
if ! command -v java >/dev/null || [ "$(java_major)" -lt 17 ] 2>/dev/null; then
  say "installing a JDK 17"
  apt_install openjdk-17-jdk-headless || { say "no JDK 17 and apt could not install one"; exit 1; }
fi

if ! command -v python3 >/dev/null; then
  say "installing python3"
  apt_install python3 python3-pip || { say "python3 missing and apt could not install it"; exit 1; }
fi
if ! python3 -c 'import moto.server, boto3' 2>/dev/null; then
  say "installing moto[server] 5.2.1 and boto3"
  python3 -m pip install -q 'moto[server]==5.2.1' boto3 2>/dev/null \
    || apt_install python3-moto python3-boto3 python3-flask python3-flask-cors \
    || { say "moto is missing and could not be installed (pip install 'moto[server]==5.2.1')"; exit 1; }
fi
say "moto $(python3 -c 'import moto; print(moto.__version__)')"

if ! command -v kubectl >/dev/null; then
  say "installing kubectl"
  apt_install kubectl || apt_install kubernetes-client || { say "kubectl missing and apt could not install it"; exit 1; }
fi
say "kubectl $(kubectl version --client 2>/dev/null | head -1)"
