# The boot of a bastion (Ubuntu 24.04): an SSH jump host, no Kubernetes. Keys only, no root, no passwords;
# TCP forwarding stays on for ssh -J.
main() {
  cat >/etc/ssh/sshd_config.d/60-slipway-bastion.conf <<'SSHD'
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin no
X11Forwarding no
AllowTcpForwarding yes
MaxAuthTries 3
LoginGraceTime 30
SSHD
  sshd -t
  # ssh is socket-activated on Ubuntu 24.04: a stopped sshd reads the new settings when it starts
  systemctl try-reload-or-restart ssh
  echo "slipway-bootstrap: done" >&2
}
