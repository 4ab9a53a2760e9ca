# Sourced by the bench scripts: installs wrk from apt when it is missing.
if ! command -v wrk > /dev/null; then
  echo "installing wrk from apt"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk > /dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk > /dev/null; }
fi
