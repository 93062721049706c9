#!/usr/bin/env bash
# The local environment: moto (AWS), a kubectl-capable Kubernetes API (the test mock) and the packaged operator,
# with the CRDs and examples/ applied. Runs until Ctrl-C (or SIGTERM), then stops everything it started.
#
# Usage: hack/local.sh [--no-build] [--no-examples] [--workload NAMESPACE/NAME]...
#   --no-build       never run Maven; fail if the build output is missing
#   --no-examples    apply the CRDs only, not examples/
#   --workload NS/N  also simulate the workload cluster of Cluster N in namespace NS (default/demo always is)
# State, kubeconfig and logs (build.log included) go to .kube-local/ (gitignored).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

build=1
examples=1
workloads=(default/demo)
while [ "$#" -gt 0 ]; do
  case "$1" in
    --no-build) build=0 ;;
    --no-examples) examples=0 ;;
    --workload)
      [[ "${2:-}" =~ ^[a-z0-9]([-a-z0-9]*[a-z0-9])?/[a-z0-9]([-a-z0-9]*[a-z0-9])?$ ]] \
        || { echo "--workload needs NAMESPACE/NAME, e.g. --workload team-a/orbit" >&2; exit 2; }
      workloads+=("$2")
      shift ;;
    -h | --help) sed -n '2,9s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done

state="$root/.kube-local"
kubeconfig="$state/kubeconfig"
app="target/quarkus-app/quarkus-run.jar"
test_classpath="target/test-classpath.txt"
kube_main_class="target/test-classes/io/slipway/testing/kube/LocalKubeApiServerMain.class"
region="${AWS_REGION:-us-east-1}"

say() { printf 'local: %s\n' "$*"; }
die() { printf 'local: %s\n' "$*" >&2; exit 1; }

# --- prerequisites -----------------------------------------------------------------------------------------------
command -v java >/dev/null || die "java not found (JDK 17): run hack/ensure-prereqs.sh"
command -v kubectl >/dev/null || die "kubectl not found: run hack/ensure-prereqs.sh"
python3 -c 'import moto.server' 2>/dev/null || die "python3 with moto[server] not found: run hack/ensure-prereqs.sh"

mkdir -p "$state"
if [ -f "$state/local.pid" ] && kill -0 "$(cat "$state/local.pid")" 2>/dev/null; then
  die "already running (pid $(cat "$state/local.pid")); stop it with Ctrl-C in its terminal or kill $(cat "$state/local.pid")"
fi
echo $$ >"$state/local.pid"

# --- stop everything we started, whatever way we leave -----------------------------------------------------------
pids=() # each started with setsid: its pid is its process group
names=()
# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
  local status=$?
  trap - EXIT INT TERM HUP
  trap '' PIPE # a closed stdout (e.g. `| tee` hit by the same Ctrl-C) must not cut the cleanup short
  set +e
  if [ "${#pids[@]}" -gt 0 ]; then
    say "stopping ${names[*]}"
    local i
    for ((i = ${#pids[@]} - 1; i >= 0; i--)); do # reverse start order: the operator first
      kill -TERM -- "-${pids[i]}" 2>/dev/null || true
    done
    for _ in $(seq 50); do
      local alive=0
      for i in "${!pids[@]}"; do
        if kill -0 -- "-${pids[i]}" 2>/dev/null; then alive=1; fi
      done
      [ "$alive" = 0 ] && break
      sleep 0.2
    done
    for i in "${!pids[@]}"; do
      if kill -0 -- "-${pids[i]}" 2>/dev/null; then
        say "${names[i]} did not stop within 10 s: killing it"
        kill -KILL -- "-${pids[i]}" 2>/dev/null || true
      fi
    done
    wait 2>/dev/null || true
    say "stopped"
  fi
  rm -f "$state/local.pid" "$state/env"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# Should this script be killed outright (no trap runs), the kernel sends SIGTERM to its children.
guard=()
if setpriv --help 2>/dev/null | grep -q -- --pdeathsig; then guard=(setpriv --pdeathsig TERM --); fi

# start NAME LOG COMMAND...: runs COMMAND in a process group of its own (Ctrl-C reaches only this script, which then
# stops the groups in order), output to LOG.
start() {
  local name="$1" log="$2"
  shift 2
  setsid "${guard[@]}" "$@" >"$log" 2>&1 </dev/null &
  pids+=("$!")
  names+=("$name")
}

alive() { # alive NAME: fails with the tail of its log when the process died
  local i
  for i in "${!names[@]}"; do
    if [ "${names[i]}" = "$1" ] && ! kill -0 "${pids[i]}" 2>/dev/null; then
      say "$1 exited; last lines of $2:" >&2
      tail -n 30 "$2" >&2
      exit 1
    fi
  done
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# shellcheck disable=SC2317 # called through await
http_ok() { # http_ok URL: 200 within 2 s
  python3 - "$1" <<'EOF' 2>/dev/null
import sys, urllib.request
sys.exit(0 if urllib.request.urlopen(sys.argv[1], timeout=2).status == 200 else 1)
EOF
}

# await WHAT TIMEOUT_S LOG NAME COMMAND...: polls COMMAND until it succeeds
await() {
  local what="$1" timeout="$2" log="$3" name="$4"
  shift 4
  local deadline=$((SECONDS + timeout))
  until "$@"; do
    alive "$name" "$log"
    [ "$SECONDS" -lt "$deadline" ] || die "$what not ready within ${timeout}s; see $log"
    sleep 0.2
  done
}

kctl() { KUBECONFIG="$kubeconfig" KUBECACHEDIR="$state/kube-cache" kubectl "$@"; }

# --- build -------------------------------------------------------------------------------------------------------
needs_build() {
  [ -f "$app" ] && [ -f "$test_classpath" ] && [ -f "$kube_main_class" ] || return 0
  [ -n "$(find src pom.xml -newer "$app" -print -quit)" ] && return 0
  [ -n "$(find pom.xml -newer "$test_classpath" -print -quit)" ] && return 0
  return 1
}
# build_progress: reads Maven's output and prints one line per plugin goal, with the seconds since the build began,
# and a count of downloads now and then (a first build downloads a few hundred artifacts).
build_progress() {
  local line step downloads=0
  while IFS= read -r line; do
    case "$line" in
      "[INFO] --- "*" @ "*)
        step="${line#\[INFO\] --- }"
        step="${step%% (*}"                           # resources:3.3.1:resources
        say "  [$((SECONDS - build_start))s] ${step%%:*}:${step##*:}" ;; # resources:resources
      "Downloaded from "*)
        downloads=$((downloads + 1))
        if [ $((downloads % 50)) = 0 ]; then say "  [$((SECONDS - build_start))s] $downloads artifacts downloaded"; fi ;;
    esac
  done
}

if needs_build; then
  [ "$build" = 1 ] || die "the build output is missing or older than src/ or pom.xml; run without --no-build"
  build_log="$state/build.log"
  say "building (./mvnw package -DskipTests; ~2 minutes the first time; full log: $build_log)"
  build_start=$SECONDS
  # The test classes hold the mock Kubernetes API; the classpath file lists their dependencies.
  set +e
  ./mvnw -B package -DskipTests \
    org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath \
    -Dmdep.outputFile="$test_classpath" 2>&1 | tee "$build_log" | build_progress
  build_status=${PIPESTATUS[0]}
  set -e
  if [ "$build_status" != 0 ]; then
    grep -E '^\[ERROR\]' "$build_log" | tail -n 40 >&2 || tail -n 40 "$build_log" >&2
    die "build failed; the whole log is in $build_log"
  fi
  say "built in $((SECONDS - build_start))s; build log kept in $build_log"
fi

# --- moto ----------------------------------------------------------------------------------------------------------
moto_port="$(free_port)"
moto_url="http://127.0.0.1:$moto_port"
start moto "$state/moto.log" python3 hack/moto-server.py -H 127.0.0.1 -p "$moto_port"

# --- Kubernetes API ------------------------------------------------------------------------------------------------
rm -f "$kubeconfig"
start kube-api "$state/kube-api.log" \
  java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
  -cp "target/test-classes:target/classes:$(cat "$test_classpath")" \
  io.slipway.testing.kube.LocalKubeApiServerMain 0 "$kubeconfig"

await "moto" 60 "$state/moto.log" moto http_ok "$moto_url/moto-api/data.json"
await "Kubernetes API" 60 "$state/kube-api.log" kube-api grep -q '^KUBE_API_URL=' "$state/kube-api.log"
kube_url="$(sed -n 's/^KUBE_API_URL=//p' "$state/kube-api.log")"

# The CRDs exist before the operator starts, as on a real cluster (its informers need them).
kctl apply -f crds/clusters.slipway.io-v1.yml -f crds/instancegroups.slipway.io-v1.yml >/dev/null
kctl wait --for=condition=established --timeout=30s crd/clusters.slipway.io crd/instancegroups.slipway.io >/dev/null
say "CRDs installed"

# the local environment's helpers run from the test classes
test_java=(java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "target/test-classes:target/classes:$(cat "$test_classpath")")

# --- addon charts: the channel's charts, small stand-ins at the pinned versions, on 127.0.0.1 -------------------------
start charts "$state/charts.log" "${test_java[@]}" io.slipway.testing.charts.LocalChartRepositoryMain 0 "$state/charts"

# --- simulated kubelets: one HTTPS Kubernetes API per workload cluster; a Node per running instance in moto -----------
simulated=()
for workload in "${workloads[@]}"; do
  simulated+=(--cluster "$workload=$(free_port)")
done
mkdir -p "$state/workload"
start workloads "$state/workloads.log" "${test_java[@]}" io.slipway.testing.workload.LocalWorkloadSimulatorMain \
  --management-kubeconfig "$kubeconfig" --aws-endpoint "$moto_url" --region "$region" \
  --kubeconfig-dir "$state/workload" --ready-after "${SLIPWAY_LOCAL_NODE_READY_AFTER:-5s}" "${simulated[@]}"
await "chart repository" 60 "$state/charts.log" charts grep -q '^CHART_REPOSITORY_URL=' "$state/charts.log"
await "workload simulator" 60 "$state/workloads.log" workloads grep -q '^SLIPWAY_WORKLOAD_ENDPOINT_OVERRIDE=' "$state/workloads.log"
charts_url="$(sed -n 's/^CHART_REPOSITORY_URL=//p' "$state/charts.log")"
workload_endpoints="$(sed -n 's/^SLIPWAY_WORKLOAD_ENDPOINT_OVERRIDE=//p' "$state/workloads.log")"

# --- operator ------------------------------------------------------------------------------------------------------
http_port="$(free_port)"
op_url="http://127.0.0.1:$http_port"
operator_start=$SECONDS
start operator "$state/operator.log" env \
  KUBECONFIG="$kubeconfig" \
  SLIPWAY_AWS_ENDPOINT_OVERRIDE="$moto_url" \
  SLIPWAY_WORKLOAD_ENDPOINT_OVERRIDE="$workload_endpoints" \
  SLIPWAY_ADDONS_REPOSITORY_OVERRIDE="$charts_url" \
  SLIPWAY_ADDONS_CACHE_DIR="$state/addon-cache" \
  AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION="$region" \
  QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$http_port" \
  java -jar "$app"
await "operator" 90 "$state/operator.log" operator http_ok "$op_url/q/health/ready"
say "operator ready in $((SECONDS - operator_start))s"

# --- examples ------------------------------------------------------------------------------------------------------
if [ "$examples" = 1 ]; then
  kctl apply -f examples/cluster.yaml -f examples/instancegroups.yaml | sed 's/^/local: /'
  # shellcheck disable=SC2317 # called through await
  spec_valid() {
    [ -n "$(kctl get clusters.slipway.io demo -o jsonpath='{.status.conditions[?(@.type=="SpecValid")].status}' 2>/dev/null)" ]
  }
  await "status of Cluster demo" 60 "$state/operator.log" operator spec_valid
  say "Cluster demo: SpecValid=$(kctl get clusters.slipway.io demo -o jsonpath='{.status.conditions[?(@.type=="SpecValid")].status}')"
  # progress until Ready: one line whenever the Cluster's summary changes
  apply_start=$SECONDS
  last=""
  while :; do
    alive operator "$state/operator.log"
    alive workloads "$state/workloads.log"
    ready="$(kctl get clusters.slipway.io demo -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null || true)"
    line="$(kctl get clusters.slipway.io demo -o jsonpath='{.status.phase}: {.status.conditions[?(@.type=="Ready")].message}' 2>/dev/null || true)"
    if [ "$line" != "$last" ]; then
      say "  [$((SECONDS - apply_start))s] ${line:0:220}"
      last="$line"
    fi
    [ "$ready" = True ] && break
    [ "$((SECONDS - apply_start))" -lt 600 ] || die "Cluster demo not Ready within 600s; see kubectl describe slc demo and $state/operator.log"
    sleep 1
  done
  say "Cluster demo is Ready, $((SECONDS - apply_start))s after apply"
  kctl get slc,ig | sed 's/^/local: /'
fi

if [ "$examples" = 1 ]; then
  next_steps="  kubectl get slc,ig
  kubectl --kubeconfig $state/workload/default-demo.kubeconfig get nodes   # the workload cluster
  kubectl patch ig nodes --type merge -p '{\"spec\":{\"minSize\":4,\"maxSize\":4}}'   # scale: no roll
  kubectl patch ig nodes --type merge -p '{\"spec\":{\"machineType\":\"m6i.2xlarge\"}}' # a rolling update
  kubectl get ig nodes -o jsonpath='{.status.rollout.phase}: {.status.rollout.message}{\"\\n\"}'   # its progress
  kubectl get ig nodes -o jsonpath='{range .status.instances[*]}{.id} {.nodeName} {.ready} {.upToDate}{\"\\n\"}{end}'
  kubectl describe slc demo
  kubectl explain slc.spec.subnets
  kubectl apply -f examples/cluster.yaml      # edit and re-apply to see the operator react
  kubectl get slc -w                          # watch it happen"
else
  next_steps="  kubectl explain slc
  kubectl apply -f examples/cluster.yaml -f examples/instancegroups.yaml
  kubectl get slc,ig"
fi

cat >"$state/env" <<EOF
export KUBECONFIG=$kubeconfig
export KUBECACHEDIR=$state/kube-cache
EOF

cat <<EOF

Slipway's local environment is up.
  kubeconfig       $kubeconfig
  Kubernetes API   $kube_url   (embedded test API: apply, explain, get -w, dry runs)
  AWS (moto)       $moto_url   (region $region, keys testing/testing)
  operator         $op_url/q/health/ready   $op_url/q/health/live   $op_url/q/metrics
  workload APIs    $workload_endpoints
  addon charts     $charts_url
  logs             $state/operator.log  kube-api.log  moto.log  workloads.log  charts.log

Next, in another terminal:
  source $state/env        # or: export KUBECONFIG=$kubeconfig
$next_steps
  curl -s $op_url/q/metrics | grep -E '^(reconciliations|slipway_aws)'

Ctrl-C stops moto, the API servers, the simulated kubelets, the chart repository and the operator.
EOF

# Serve until interrupted, or until one of them dies.
set +e
wait -n "${pids[@]}"
set -e
for i in "${!names[@]}"; do
  if ! kill -0 "${pids[i]}" 2>/dev/null; then
    say "${names[i]} exited unexpectedly; see $state/${names[i]}.log" >&2
  fi
done
exit 1
