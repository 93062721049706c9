# The boot of a Kubernetes instance (Ubuntu 24.04). Set above: KUBERNETES_VERSION, KUBERNETES_MINOR, REGION,
# BUCKET, BOOTSTRAP_KEY, API_SERVER_URL (and the control plane's lock key).
# Secrets (the bootstrap object, credentials, rendered configs) stay in WORK, a tmpfs removed on exit.
readonly WORK=/run/slipway
readonly IMDS=http://169.254.169.254/latest

log() {
  echo "slipway-bootstrap: $*" >&2
}

imds() {
  curl --fail --silent --show-error --retry 10 --retry-connrefused \
    --header "X-aws-ec2-metadata-token: $IMDS_TOKEN" "$IMDS/$1"
}

json_field() {
  python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"
}

prepare_host() {
  printf 'overlay\nbr_netfilter\n' >/etc/modules-load.d/kubernetes.conf
  modprobe overlay
  modprobe br_netfilter
  printf 'net.bridge.bridge-nf-call-iptables = 1\nnet.bridge.bridge-nf-call-ip6tables = 1\nnet.ipv4.ip_forward = 1\n' \
    >/etc/sysctl.d/90-kubernetes.conf
  sysctl --system >/dev/null
  swapoff -a
}

# containerd from Ubuntu, kubelet, kubeadm and kubectl of exactly KUBERNETES_VERSION from pkgs.k8s.io.
install_kubernetes() {
  local repo="https://pkgs.k8s.io/core:/stable:/$KUBERNETES_MINOR/deb/"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q ca-certificates curl gpg containerd python3
  install -d -m 0755 /etc/apt/keyrings
  curl --fail --silent --show-error --retry 5 "${repo}Release.key" |
    gpg --dearmor --yes -o /etc/apt/keyrings/kubernetes.gpg
  echo "deb [signed-by=/etc/apt/keyrings/kubernetes.gpg] $repo /" >/etc/apt/sources.list.d/kubernetes.list
  apt-get update -q
  apt-get install -y -q "kubelet=$KUBERNETES_VERSION-*" "kubeadm=$KUBERNETES_VERSION-*" "kubectl=$KUBERNETES_VERSION-*"
  apt-mark hold kubelet kubeadm kubectl containerd
  mkdir -p /etc/containerd
  containerd config default | sed 's/SystemdCgroup = false/SystemdCgroup = true/' >/etc/containerd/config.toml
  systemctl restart containerd
  systemctl enable kubelet
}

read_instance_identity() {
  IMDS_TOKEN=$(curl --fail --silent --show-error --retry 10 --retry-connrefused --request PUT \
    --header "X-aws-ec2-metadata-token-ttl-seconds: 21600" "$IMDS/api/token")
  INSTANCE_ID=$(imds meta-data/instance-id)
  ZONE=$(imds meta-data/placement/availability-zone)
  ADVERTISE_ADDRESS=$(imds meta-data/local-ipv4)
  NODE_NAME=$(imds meta-data/local-hostname)
  S3_ENDPOINT="https://s3.$REGION.$(imds meta-data/services/domain)"
}

# The instance profile's credentials; the key and token reach curl on stdin, never on a command line.
read_instance_credentials() {
  local role
  role=$(imds meta-data/iam/security-credentials/)
  imds "meta-data/iam/security-credentials/$role" >"$WORK/credentials.json"
  AWS_ACCESS_KEY_ID=$(json_field "$WORK/credentials.json" AccessKeyId)
  AWS_SECRET_ACCESS_KEY=$(json_field "$WORK/credentials.json" SecretAccessKey)
  AWS_SESSION_TOKEN=$(json_field "$WORK/credentials.json" Token)
}

# s3_request METHOD KEY [curl options]: a SigV4-signed S3 request; prints the HTTP status (000: no answer).
s3_request() {
  local method=$1 key=$2
  shift 2
  printf 'user = "%s:%s"\nheader = "x-amz-security-token: %s"\n' \
    "$AWS_ACCESS_KEY_ID" "$AWS_SECRET_ACCESS_KEY" "$AWS_SESSION_TOKEN" |
    curl --config - --silent --show-error --aws-sigv4 "aws:amz:$REGION:s3" \
      --header "x-amz-content-sha256: UNSIGNED-PAYLOAD" --request "$method" \
      --write-out '%{http_code}' "$@" "$S3_ENDPOINT/$BUCKET/$key"
}

fetch_bootstrap_object() {
  local code attempt
  for ((attempt = 1; attempt <= 60; attempt++)); do
    code=$(s3_request GET "$BOOTSTRAP_KEY" --output "$WORK/bootstrap.json") || true
    [[ $code == 200 ]] && return 0
    # a new instance profile can take a few seconds to be usable
    log "reading s3://$BUCKET/$BOOTSTRAP_KEY: HTTP $code, retrying"
    sleep 5
  done
  return 1
}


api_ready() {
  curl --fail --silent --max-time 5 --cacert "$PKI_DIR/ca.crt" "$API_SERVER_URL/readyz" >/dev/null 2>&1
}

wait_for_api() {
  local attempt
  for ((attempt = 1; attempt <= 360; attempt++)); do
    api_ready && return 0
    sleep 10
  done
  log "the API at $API_SERVER_URL did not answer within an hour"
  return 1
}

# Writes the bootstrap object's files under PKI_DIR and fills the kubeadm templates' placeholders.
write_material() {
  PKI_DIR=$PKI_DIR NODE_NAME=$NODE_NAME INSTANCE_ID=$INSTANCE_ID ZONE=$ZONE ADVERTISE_ADDRESS=$ADVERTISE_ADDRESS \
    python3 - "$WORK" <<'PYTHON'
import json, os, sys

work = sys.argv[1]
with open(os.path.join(work, "bootstrap.json")) as f:
    doc = json.load(f)
if doc.get("version") != 1:
    sys.exit("unsupported bootstrap object version %r" % doc.get("version"))
kube_pki, pki = "/etc/kubernetes/pki/", os.environ["PKI_DIR"]


def write(path, text, mode):
    os.makedirs(os.path.dirname(path), mode=0o755, exist_ok=True)
    with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode), "w") as f:
        f.write(text)


for path, content in sorted(doc["files"].items()):
    if not path.startswith(kube_pki) or ".." in path:
        sys.exit("unexpected file in the bootstrap object: " + path)
    write(os.path.join(pki, path[len(kube_pki):]), content, 0o600 if path.endswith(".key") else 0o644)
join = doc.get("join", {})
values = {
    "__SLIPWAY_TOKEN__": join.get("token", ""),
    "__SLIPWAY_TOKEN_EXPIRES__": join.get("tokenExpires", ""),
    "__SLIPWAY_CA_CERT_HASH__": join.get("caCertHash", ""),
    "__SLIPWAY_NODE_NAME__": os.environ["NODE_NAME"],
    "__SLIPWAY_ADVERTISE_ADDRESS__": os.environ["ADVERTISE_ADDRESS"],
    "__SLIPWAY_ZONE__": os.environ["ZONE"],
    "__SLIPWAY_INSTANCE_ID__": os.environ["INSTANCE_ID"]}
for name in sorted(os.listdir(work)):
    if name.endswith(".yaml.in"):
        with open(os.path.join(work, name)) as f:
            text = f.read()
        for placeholder, value in values.items():
            text = text.replace(placeholder, value)
        write(os.path.join(work, name[:-len(".in")]), text, 0o600)
PYTHON
}

# Everything up to kubeadm: the host, the packages, the instance's identity and its bootstrap object, the
# kubeadm configuration.
prepare_instance() {
  install -d -m 0700 "$WORK"
  trap 'rm -rf "$WORK"' EXIT
  prepare_host
  install_kubernetes
  read_instance_identity
  read_instance_credentials
  fetch_bootstrap_object
  write_kubeadm_templates
  write_material
}

# cloud-init runs the script once per instance; this guards a run by hand.
already_joined() {
  [[ -e /etc/kubernetes/kubelet.conf ]]
}
