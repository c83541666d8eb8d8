# shellcheck shell=bash disable=SC2034 # The lists are for the scripts that source this file.
# Sourced by every script that installs Debian packages (tests/setup,
# src-tauri/run, ui/ensure-node.sh): the one list of what each purpose needs,
# and install_missing_packages, the one way to install them.
#
#   source scripts/packages.sh
#   install_missing_packages "${app_build_packages[@]}"

# Independent checks of the PDF reports (tests/pdf_tools.rs): qpdf,
# pdfinfo, pdftotext, pdffonts, pdfimages.
pdf_check_packages=(qpdf poppler-utils)
# The server of the store's PostgreSQL tests (tests/setup starts it).
postgres_packages=(postgresql)
# What Tauri 2 links against and builds with: WebKitGTK, GTK, the tray
# and SVG libraries, a C toolchain and pkg-config.
app_build_packages=(libwebkit2gtk-4.1-dev build-essential libxdo-dev libssl-dev
    libayatana-appindicator3-dev librsvg2-dev pkg-config)
# The end-to-end run (tests/e2e/run): Xvfb, WebKitWebDriver, pdftotext,
# and imagemagick for the screenshots.
e2e_packages=(xvfb webkit2gtk-driver poppler-utils imagemagick)
# A Python venv for Node.js from PyPI (ui/ensure-node.sh).
node_venv_packages=(python3-venv)

# install_missing_packages PACKAGE...
# Installs those of the packages dpkg does not list as installed, quietly and
# without questions (through sudo unless root); says which when there are
# any, and otherwise does nothing. Runs `apt-get update` at most once per
# shell. Returns non-zero when apt-get fails.
install_missing_packages() {
    local package missing=() as_root=()
    for package in "$@"; do
        [[ $(dpkg-query -W -f='${Status}\n' "$package" 2>/dev/null) == *"install ok installed"* ]] ||
            missing+=("$package")
    done
    ((${#missing[@]})) || return 0
    echo "${0##*/}: installing Debian packages: ${missing[*]}"
    [ "$(id -u)" -eq 0 ] || as_root=(sudo)
    if [ -z "${ironbridge_apt_updated:-}" ]; then
        "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq || return
        ironbridge_apt_updated=1
    fi
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}
