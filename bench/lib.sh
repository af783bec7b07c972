# Shared by the bench/run* scripts (sourced, not run): the JVM options for a JVM that opens the core, free
# loopback ports, and servers started in the background that stop when their standard input closes.

# The Chronicle options of the root pom's onecard.chronicle.options, analytics off, and the benchmark heap.
chronicle_options=(--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED --add-exports=java.base/sun.nio.ch=ALL-UNNAMED
  --add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED --add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED
  --add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED -Dchronicle.analytics.disable=true -Xmx2g)
bench_jar=bench/target/benchmarks.jar

# install_debian_package <command> <package>: installs the package when the command is missing.
install_debian_package() {
  if command -v "$1" >/dev/null; then return 0; fi
  local sudo=""
  if [ "$(id -u)" != 0 ]; then sudo=sudo; fi
  $sudo apt-get update -qq && $sudo apt-get install -y -qq "$2"
}

# free_port: a loopback port free for both TCP and UDP right now, chosen at random from 20000-59999.
free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 40000))
    if ! ss -Htanu "( sport = :$port )" | grep -q .; then
      echo "$port"
      return 0
    fi
  done
  echo "no free port found" >&2
  return 1
}

# field <name> <text>: the value of the last "name=value" in the text.
field() {
  sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<<"$2" | tail -1
}

# start_server <work dir> <name> <java args...>: starts a JVM with the Chronicle options whose standard input
# is fd 3 of this shell (closing fd 3 stops it), writing <work dir>/<name>.out and .err, and waits for its first
# line of output. Sets server_pid.
start_server() {
  local work=$1 name=$2
  shift 2
  mkfifo "$work/$name.in"
  java "${chronicle_options[@]}" -cp "$bench_jar" "$@" <"$work/$name.in" >"$work/$name.out" 2>"$work/$name.err" &
  server_pid=$!
  exec 3>"$work/$name.in"
  rm "$work/$name.in"
  for _ in $(seq 1 600); do
    if [ -s "$work/$name.out" ]; then return 0; fi
    if ! kill -0 "$server_pid" 2>/dev/null; then cat "$work/$name.err" >&2; return 1; fi
    sleep 0.1
  done
  echo "$name did not start" >&2
  return 1
}

# stop_server: closes the server's input and waits for it to finish its last report.
stop_server() {
  exec 3>&-
  wait "$server_pid"
  server_pid=""
}

# warn_small_socket_buffers <bytes>: prints a warning when the kernel caps socket buffers below the given size
# (net.core.rmem_max, net.core.wmem_max): UDP bursts then overflow the sockets and calls fail on lost datagrams.
warn_small_socket_buffers() {
  local wanted=$1 receive send
  receive=$(cat /proc/sys/net/core/rmem_max 2>/dev/null || echo 0)
  send=$(cat /proc/sys/net/core/wmem_max 2>/dev/null || echo 0)
  if [ "$receive" -lt "$wanted" ] || [ "$send" -lt "$wanted" ]; then
    echo "# warning: net.core.rmem_max=$receive net.core.wmem_max=$send, below $wanted: socket buffers are" \
      "capped and UDP losses will count as failed calls (sysctl -w net.core.rmem_max=$wanted" \
      "net.core.wmem_max=$wanted)"
  fi
}
