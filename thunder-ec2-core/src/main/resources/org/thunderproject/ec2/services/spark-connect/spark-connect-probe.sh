#!/bin/sh
# Exits 0 when something accepts TCP connections on 127.0.0.1:PORT, 1 otherwise.
# Usage: spark-connect-probe.sh PORT
port=$1
if command -v python3 >/dev/null 2>&1; then
  python3 -c 'import socket, sys
try:
    socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=3).close()
except OSError:
    sys.exit(1)' "$port" 2>/dev/null
elif command -v curl >/dev/null 2>&1; then
  # 7: refused, 28: timed out; any other outcome (an HTTP/2 server hangs up on HTTP/1.1) is an answer.
  curl -s -o /dev/null --max-time 3 "http://127.0.0.1:$port/"
  case $? in 7|28) exit 1 ;; *) exit 0 ;; esac
else
  echo "spark-connect-probe.sh: neither python3 nor curl is installed" >&2
  exit 1
fi
