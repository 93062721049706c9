#!/usr/bin/env bash
# Regenerates the CRDs from io.slipway.api (Quarkus build) and copies them to crds/ and charts/slipway/crds/.
# GeneratedCrdsAreCommittedTest fails until the copies are refreshed and committed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

./mvnw -B -q package -DskipTests

files=(clusters.slipway.io-v1.yml instancegroups.slipway.io-v1.yml)
for dest in crds charts/slipway/crds; do
  mkdir -p "$dest"
  for f in "${files[@]}"; do
    cp "target/kubernetes/$f" "$dest/$f"
  done
done
echo "CRDs updated in crds/ and charts/slipway/crds/:"
git status --short -- crds charts/slipway/crds || true
