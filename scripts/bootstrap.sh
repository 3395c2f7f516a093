# Sourced by scripts/dev.sh and scripts/test.sh: a virtualenv with the project's
# dependencies, and the Debian packages the portal and its tests need.

find_python() {
  for candidate in "${PYTHON:-}" python3.11 python3; do
    [ -n "$candidate" ] || continue
    if command -v "$candidate" >/dev/null 2>&1 &&
      "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
      command -v "$candidate"; return 0
    fi
  done
  echo "Python 3.11 is required (set PYTHON=/path/to/python3.11)" >&2
  return 1
}

bootstrap_python() {
  # bootstrap_python [dev] : installs requirements/base.lock, or requirements/dev.lock
  # (runtime + dev extras), pinned and hash-checked. The lock files are generated from
  # pyproject.toml (see the README). The project itself is not installed: it runs from the
  # checkout (manage.py, pytest, gunicorn and celery put the working directory on sys.path).
  local extras=${1:-}
  local lock="$ROOT/requirements/${extras:-base}.lock"
  if [ ! -f "$lock" ]; then
    echo "No lock file $lock (requirements/base.lock or requirements/dev.lock)" >&2
    return 1
  fi
  if [ ! -x "$VENV/bin/python" ]; then
    echo "Creating the virtualenv in $VENV"
    "$(find_python)" -m venv "$VENV"
  fi
  local stamp="$VENV/.installed-${extras:-base}"
  if [ ! -f "$stamp" ] || [ "$lock" -nt "$stamp" ]; then
    echo "Installing Python dependencies from ${lock#"$ROOT"/}"
    "$VENV/bin/python" -m pip install -q --upgrade pip
    "$VENV/bin/python" -m pip install -q --require-hashes -r "$lock"
    # Left behind by installs from before the lock files (`pip install .`, psycopg2).
    "$VENV/bin/python" -m pip uninstall -q -y exchange-portal psycopg2-binary 2>/dev/null || true
    touch "$stamp"
  fi
}

apt_install_missing() {
  # apt_install_missing PACKAGE... : installs the Debian packages not yet installed (as root).
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
      missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ]; then
    echo "Missing Debian packages: ${missing[*]} (run as root to install them)" >&2
    return 0
  fi
  echo "Installing Debian packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

bootstrap_system_packages() {
  # Fonts: DejaVu covers Cyrillic; Noto CJK covers Hangul and Chinese (PDFs, screenshots).
  # Pango: WeasyPrint renders the invitation letters with it.
  local packages=(fonts-dejavu-core fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0)
  if [ "${1:-}" = test ]; then packages+=(chromium); fi
  command -v dpkg-query >/dev/null 2>&1 && apt_install_missing "${packages[@]}"
  return 0
}
