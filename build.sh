#!/usr/bin/env bash
# CrmPersonCentric's one entry point for set-up and tests.
#
#   ./build.sh test       install what the suite needs (the npm packages from package-lock.json: Azurite and the
#                         pcf-scripts toolchain; Debian's Chromium), build the enrichment panel, then run every test;
#                         ends with "N passed, N failed"
#   ./build.sh test-fast  the unit tests only (CrmPersonCentric.Fast.slnf): no Azurite, no browser, no publish (the
#                         panel is built first: the solution tests pack it)
#   ./build.sh panel      build the enrichment panel code component (solution/controls, offline from package-lock.json)
#   ./build.sh setup      install the prerequisites and stop
#
# Extra arguments after the target go to `dotnet test` (for example `-- --filter-class "*Inbox*"`).
set -uo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# The browser tests drive the system Chromium; Playwright must never download its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

fail() {
  echo "build.sh: $*" >&2
  exit 1
}

# Installing system packages needs root (or sudo without a password prompt); otherwise we name the command to run.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo "$@"
  else
    return 1
  fi
}

apt_install() {
  command -v apt-get >/dev/null 2>&1 || return 1
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}

require_dotnet() {
  command -v dotnet >/dev/null 2>&1 || fail "the .NET 10 SDK is required and dotnet is not on PATH: install it from https://dotnet.microsoft.com/download"
}

# The npm packages, pinned by package-lock.json: Azurite (the Azure Storage emulator) for the storage suites and, in the
# solution/controls workspace, pcf-scripts with TypeScript and ESLint for the code component.
ensure_node_packages() {
  if ! command -v npm >/dev/null 2>&1; then
    echo "build.sh: installing Node.js and npm (Debian packages nodejs, npm)"
    apt_install nodejs npm || fail "npm is missing: run 'sudo apt-get install -y nodejs npm' (or install Node.js 20+), then ./build.sh test"
  fi
  if [ ! -x node_modules/.bin/azurite ] || [ ! -x node_modules/.bin/pcf-scripts ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "build.sh: npm ci (Azurite and the pcf-scripts toolchain, from package-lock.json)"
    npm ci --no-audit --no-fund || fail "npm ci failed: see its output above"
  fi
}

# The enrichment panel (a Power Apps code component), built by pcf-scripts into solution/controls/out/controls, where the
# solution packer and the browser tests take it from. Skipped when the output is newer than every source.
build_panel() {
  ensure_node_packages
  local out=solution/controls/out/controls/EnrichmentPanel/bundle.js
  if [ -f "$out" ] && [ -z "$(find solution/controls -path solution/controls/out -prune -o -path '*/node_modules' -prune -o -path '*/generated' -prune -o -type f -newer "$out" -print -quit)" ]; then
    return 0
  fi
  echo "build.sh: building the enrichment panel (pcf-scripts, telemetry off)"
  PP_TOOLS_TELEMETRY_OPTOUT=1 npm run build --workspace solution/controls || fail "the enrichment panel did not build: see the pcf-scripts output above"
}

# Debian's Chromium for the browser tests (never a downloaded browser). CPC_CHROMIUM_PATH points elsewhere if needed.
ensure_chromium() {
  local chromium="${CPC_CHROMIUM_PATH:-/usr/bin/chromium}"
  if [ ! -x "$chromium" ]; then
    echo "build.sh: installing Chromium (Debian package chromium)"
    apt_install chromium || fail "Chromium is missing at $chromium: run 'sudo apt-get install -y chromium' (or set CPC_CHROMIUM_PATH), then ./build.sh test"
  fi
}

# Runs dotnet test and finishes with the plain line "N passed, N failed" (Microsoft.Testing.Platform's summary has
# "failed: N" and "succeeded: N" lines).
run_tests() {
  local log rc passed failed
  log=$(mktemp)
  dotnet test "$@" 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  passed=$(grep -E '^[[:space:]]+succeeded: [0-9]+' "$log" | tail -n 1 | grep -oE '[0-9]+' || true)
  failed=$(grep -E '^[[:space:]]+failed: [0-9]+' "$log" | tail -n 1 | grep -oE '[0-9]+' || true)
  passed=${passed:-0}
  failed=${failed:-0}
  if [ "$rc" -eq 8 ] && [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]; then
    # Exit code 8 is "zero tests ran" in some test module: what a filter that matches one project's tests gives.
    rc=0
  fi
  if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
    # The build or a test host failed before any test could report.
    failed=1
  fi
  rm -f "$log"
  echo "${passed} passed, ${failed} failed"
  return "$rc"
}

target="${1:-test}"
shift || true
case "$target" in
  setup)
    require_dotnet
    ensure_node_packages
    ensure_chromium
    ;;
  panel)
    build_panel
    ;;
  test)
    require_dotnet
    build_panel
    ensure_chromium
    run_tests --solution CrmPersonCentric.sln "$@"
    ;;
  test-fast)
    require_dotnet
    build_panel
    run_tests --solution CrmPersonCentric.Fast.slnf "$@"
    ;;
  *)
    fail "unknown target '$target': use test, test-fast, panel or setup"
    ;;
esac
