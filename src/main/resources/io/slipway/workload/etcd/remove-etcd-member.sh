#!/bin/sh
# Removes the etcd member named $MEMBER_NAME (kubeadm names members after their node). Run on another
# control-plane node with host networking and its etcd PKI mounted; succeeds when the member is already gone,
# so that a repeated run is harmless.
set -eu

PKI=/etc/kubernetes/pki/etcd

ctl() {
  etcdctl --endpoints=https://127.0.0.1:2379 \
    --cacert="$PKI/ca.crt" --cert="$PKI/healthcheck-client.crt" --key="$PKI/healthcheck-client.key" \
    --command-timeout=20s "$@"
}

members=$(ctl member list -w simple)
id=""
# Each line: ID, STATUS, NAME, PEER ADDRS, CLIENT ADDRS, IS LEARNER
while IFS=', ' read -r member_id _status name _rest; do
  if [ "$name" = "$MEMBER_NAME" ]; then
    id=$member_id
  fi
done <<MEMBERS
$members
MEMBERS

if [ -z "$id" ]; then
  echo "etcd member $MEMBER_NAME is not in the member list: already removed"
  exit 0
fi
ctl member remove "$id"
echo "etcd member $MEMBER_NAME ($id) removed"
