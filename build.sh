#!/usr/bin/env bash
# One entry point for setting up, building, running and testing ImpalaAkka on Debian 12.
#   ./build.sh run    install what is missing, build, run the main job
#   ./build.sh test   install what is missing, build, run the whole test suite
#   ./build.sh build  install what is missing, build the CLI into artifacts/cli
#   ./build.sh deps   install what is missing (apt), nothing else
# Idempotent and quiet when everything is present.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# libtorch comes from NuGet (TorchSharp + libtorch-cpu-linux-x64). The report plots (ScottPlot on
# Skia) need one font; without it Skia draws no text at all.
apt_packages=(fonts-dejavu-core)
# The network-namespace test of the cluster needs ip(8) (iproute2); it skips itself without root.
test_packages=(iproute2)
# IMPALA_LIBTORCH=external builds without the bundled CPU libtorch, for a CUDA libtorch named by
# impala.learner.libtorch-dir or IMPALA_LIBTORCH_DIR (README: GPU).
msbuild_flags=()
[[ "${IMPALA_LIBTORCH:-bundled}" == external ]] && msbuild_flags+=(-p:ImpalaLibtorch=external)

log() { printf 'build.sh: %s\n' "$*" >&2; }

# Runs a command, showing its output only if it fails.
quietly() {
  local output
  if ! output="$("$@" 2>&1)"; then
    printf '%s\n' "$output" >&2
    log "failed: $*"
    exit 1
  fi
}

deps() {
  local missing=()
  for package in "${apt_packages[@]}" "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  if ((${#missing[@]})); then
    if [[ $(id -u) -ne 0 ]]; then
      log "missing Debian packages: ${missing[*]}; run as root or install them with apt-get"
      exit 1
    fi
    log "installing ${missing[*]} (apt-get)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  if ! command -v dotnet >/dev/null 2>&1; then
    log "the .NET SDK 10 is required (dotnet on PATH); see global.json"
    exit 1
  fi
}

# Builds the CLI into artifacts/cli when any source is newer than it (or it is missing).
build_cli() {
  local dll="artifacts/cli/impala.dll"
  if [[ -f "$dll" ]] && [[ -z "$(find src hocon Directory.Build.props Directory.Packages.props global.json -newer "$dll" -type f -print -quit 2>/dev/null)" ]]; then
    return 0
  fi
  quietly dotnet build src/ImpalaAkka.Cli/ImpalaAkka.Cli.csproj -c Release -o artifacts/cli --nologo -v quiet "${msbuild_flags[@]}"
  touch "$dll"
}

run_tests() {
  quietly dotnet build ImpalaAkka.sln -c Release --nologo -v quiet "${msbuild_flags[@]}"
  local log_file status
  log_file="$(mktemp)"
  set +e
  dotnet test ImpalaAkka.sln -c Release --no-build --nologo -v quiet --logger "console;verbosity=minimal" 2>&1 | tee "$log_file"
  status=${PIPESTATUS[0]}
  set -e
  # One closing line over all test projects.
  awk '/(Passed|Failed)!/ {
         for (i = 1; i <= NF; i++) {
           if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1)
         }
       }
       END { gsub(",", "", p); printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log_file"
  rm -f "$log_file"
  return "$status"
}

case "${1:-}" in
  deps) deps ;;
  build) deps; build_cli ;;
  run)
    deps
    build_cli
    shift
    # The main job: in-process IMPALA on CartPole (no cluster needed).
    exec "$root/impala" train --config hocon/cartpole.conf "$@"
    ;;
  test) deps "${test_packages[@]}"; run_tests ;;
  *)
    echo "usage: ./build.sh run|test|build|deps" >&2
    exit 2
    ;;
esac
