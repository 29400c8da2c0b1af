#!/usr/bin/env bash
# A throwaway IMAP server for the email-intake tests: Debian's dovecot as a non-root process on a
# free loopback port, test users in a passwd-file, maildirs under ROOT. Prints the port.
#   scripts/imap-server.sh start ROOT   |   scripts/imap-server.sh stop ROOT
set -euo pipefail
action=$1 root=$2
if [[ $action == stop ]]; then
    [[ -f $root/run/master.pid ]] && kill "$(cat "$root/run/master.pid")" 2>/dev/null || true
    exit 0
fi

# Root on CI: the server runs as "nobody" (dovecot refuses nothing as root, but tests must not need root).
if [[ $(id -u) -eq 0 ]]; then run_as=nobody; else run_as=$(id -un); fi
uid=$(id -u "$run_as") gid=$(id -g "$run_as") group=$(id -gn "$run_as")
mkdir -p "$root/run" "$root/state" "$root/home"
port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
: >"$root/passwd"
for i in $(seq -w 1 40); do
    echo "intake$i:{PLAIN}kefu-imap-test:$uid:$gid::$root/home/intake$i::" >>"$root/passwd"
done
cat >"$root/dovecot.conf" <<CONF
protocols = imap
listen = 127.0.0.1
base_dir = $root/run
state_dir = $root/state
log_path = $root/run/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_login_user = $run_as
default_internal_user = $run_as
default_internal_group = $group
mail_location = maildir:~/Maildir
passdb {
  driver = passwd-file
  args = $root/passwd
}
userdb {
  driver = passwd-file
  args = $root/passwd
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = $port
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
service stats {
  unix_listener stats-reader {
    user = $run_as
  }
  unix_listener stats-writer {
    user = $run_as
  }
}
CONF
chown -R "$run_as:$group" "$root/run" "$root/state" "$root/home"
chmod 0755 "$root"
if [[ $(id -u) -eq 0 ]]; then
    runuser -u "$run_as" -- /usr/sbin/dovecot -c "$root/dovecot.conf" >"$root/start.log" 2>&1 || { cat "$root/start.log" "$root/run/dovecot.log" >&2 2>/dev/null; exit 1; }
else
    /usr/sbin/dovecot -c "$root/dovecot.conf" >"$root/start.log" 2>&1 || { cat "$root/start.log" >&2; exit 1; }
fi
for _ in $(seq 1 50); do
    if /usr/bin/python3 -c "import socket,sys; s=socket.create_connection(('127.0.0.1',$port),1); sys.exit(0 if s.recv(100).startswith(b'* OK') else 1)" 2>/dev/null; then
        echo "$port"
        exit 0
    fi
    sleep 0.1
done
cat "$root/run/dovecot.log" >&2 2>/dev/null || true
exit 1
