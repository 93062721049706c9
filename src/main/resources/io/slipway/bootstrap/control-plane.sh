# Prints won (this instance runs kubeadm init), lost, or retry: the lock is the object INIT_LOCK_KEY, created
# only if absent (If-None-Match: *), with this instance's id as its content.
take_init_lock() {
  local code
  code=$(s3_request PUT "$INIT_LOCK_KEY" --header 'If-None-Match: *' --header 'Content-Type: text/plain' \
    --data-binary "$INSTANCE_ID" --output /dev/null) || true
  case $code in
    200) echo won ;;
    # taken; by this instance when an earlier answer got lost
    412) if init_lock_holder_is_me; then echo won; else echo lost; fi ;;
    # 409: a concurrent conditional write is in flight
    *) echo "retry (HTTP $code)" ;;
  esac
}

init_lock_holder_is_me() {
  local code
  code=$(s3_request GET "$INIT_LOCK_KEY" --output "$WORK/init.lock") || true
  [[ $code == 200 && $(<"$WORK/init.lock") == "$INSTANCE_ID" ]]
}

# A network load balancer does not route a target's connections to the load balancer back to that same target
# (client IP preservation), so the control plane reaches the API through its own API server, which serves the
# API's name in its certificate. Joining instances do so once they serve the API themselves.
route_api_to_self() {
  if [[ ! $API_HOST =~ ^[0-9.]+$ ]]; then
    echo "127.0.0.1 $API_HOST" >>/etc/hosts
  fi
}

# The first control-plane instance (the one that creates the init lock) runs kubeadm init; every other one
# waits for the API and joins, as does any instance that boots once the API answers.
bootstrap_control_plane() {
  local outcome attempt
  if api_ready; then
    log "the API answers: joining the control plane"
    kubeadm join --config "$WORK/join.yaml"
    route_api_to_self
    return
  fi
  for ((attempt = 1; ; attempt++)); do
    outcome=$(take_init_lock)
    [[ $outcome == retry* ]] || break
    if ((attempt >= 60)); then
      log "cannot take the init lock s3://$BUCKET/$INIT_LOCK_KEY: $outcome"
      return 1
    fi
    sleep 5
  done
  if [[ $outcome == won ]]; then
    log "this instance took the init lock: kubeadm init"
    route_api_to_self
    kubeadm init --config "$WORK/init.yaml"
  else
    log "another instance holds the init lock: waiting for the API, then joining"
    wait_for_api
    kubeadm join --config "$WORK/join.yaml"
    route_api_to_self
  fi
}

main() {
  PKI_DIR=/etc/kubernetes/pki
  if already_joined; then
    log "already part of the cluster"
    return 0
  fi
  prepare_instance
  bootstrap_control_plane
  log "done"
}
