main() {
  # kubeadm join refuses a node whose /etc/kubernetes/pki/ca.crt exists: the node's CA stays in WORK
  PKI_DIR=$WORK/pki
  if already_joined; then
    log "already part of the cluster"
    return 0
  fi
  prepare_instance
  wait_for_api
  kubeadm join --config "$WORK/join.yaml"
  log "done"
}
