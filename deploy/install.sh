#!/bin/bash
# Set up a fresh Debian 12 machine as a village-kiosk terminal.
#
#   sudo deploy/install.sh --bundle village-kiosk-1.4.0.tar --pubkey public.pem
#   sudo deploy/install.sh                      # packages, users, units only
#   deploy/install.sh --root /tmp/t [--bundle … --pubkey …]    # into a throwaway tree
#
# Idempotent: run it again (after a failed step, or to apply a newer deploy/)
# and it changes only what differs. What it does, in order:
#   1. apt-installs what the terminal needs (cage, xwayland, CJK fonts, pcscd, …)
#   2. creates the system user and group `kiosk`
#   3. lays out /opt/village-kiosk, /etc/village-kiosk, /var/lib/village-kiosk
#   4. installs the systemd units, tmpfiles.d, udev and polkit rules from deploy/
#   5. turns screen blanking off and the getty on tty1 off, VT switching off
#   6. installs the first release from a signed bundle (--bundle, --pubkey)
#   7. enables the units; reboot to start the kiosk
# With --root DIR everything goes under DIR: no apt, no useradd (passwd and
# group lines are written into DIR/etc), no running services are touched
# (systemctl --root only creates the enablement links). The tests use this.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly HERE
readonly PACKAGES=(cage xwayland libwayland-cursor0 libwayland-client0 libwayland-egl1
    libxkbcommon0 libegl1 libgl1 libfontconfig1 libdbus-1-3 libglib2.0-0 libpulse0
    fonts-noto-cjk opus-tools pcscd libccid libpcsclite1 polkitd python3 python3-venv openssl tar
    systemd udev)
readonly KIOSK_HOME=/var/lib/village-kiosk/home
readonly OPT=/opt/village-kiosk
readonly ETC=/etc/village-kiosk
readonly UNITS=(village-kiosk-session.service village-kiosk-syncd.service
    village-kiosk-update.path village-kiosk-update.timer village-kiosk-update.service
    village-kiosk-recover.service village-kiosk-usb@.service village-kiosk-usb-check@.service)
readonly ENABLE=(village-kiosk-session.service village-kiosk-syncd.service
    village-kiosk-update.path village-kiosk-update.timer village-kiosk-recover.service)

ROOT=""
BUNDLE=""
PUBKEY=""
CHANGED=0

usage() {
    sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'
    echo "options: --root DIR  --bundle FILE  --pubkey FILE  -h|--help"
}

die() {
    echo "install.sh: $*" >&2
    exit 1
}

note() {
    echo "install.sh: $*"
}

while [ $# -gt 0 ]; do
    case "$1" in
        --root) ROOT="${2:?--root needs a directory}"; shift 2 ;;
        --bundle) BUNDLE="${2:?--bundle needs a file}"; shift 2 ;;
        --pubkey) PUBKEY="${2:?--pubkey needs a file}"; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
done

if [ -n "$ROOT" ]; then
    mkdir -p "$ROOT"
    ROOT="$(cd "$ROOT" && pwd)"
    [ "$ROOT" != / ] || ROOT=""
fi
if [ -z "$ROOT" ] && [ "$(id -u)" != 0 ]; then
    die "run as root (or with --root DIR for a throwaway tree)"
fi
if [ -n "$BUNDLE" ] && [ -z "$PUBKEY" ]; then
    die "--bundle needs --pubkey (the county's release public key, public.pem)"
fi
if [ -n "$BUNDLE" ]; then
    BUNDLE="$(cd "$(dirname "$BUNDLE")" && pwd)/$(basename "$BUNDLE")"
    [ -f "$BUNDLE" ] || die "no such bundle: $BUNDLE"
fi
if [ -n "$PUBKEY" ]; then
    [ -f "$PUBKEY" ] || die "no such public key: $PUBKEY"
fi

# --- small idempotent helpers -----------------------------------------------------------

# put_file SRC DEST MODE: copy unless DEST already has exactly this content and mode.
put_file() {
    local src="$1" dest="$ROOT$2" mode="$3"
    if [ -f "$dest" ] && cmp -s "$src" "$dest" \
        && [ "$(stat -c %a "$dest")" = "${mode#0}" ]; then
        return 0
    fi
    install -D -m "$mode" "$src" "$dest"
    note "installed $2"
    CHANGED=1
}

# put_text DEST MODE: like put_file, with the content on stdin.
put_text() {
    local tmp
    tmp="$(mktemp)"
    cat >"$tmp"
    put_file "$tmp" "$1" "$2"
    rm -f "$tmp"
}

# make_dir DIR MODE [OWNER:GROUP]: create, set mode, and (not with --root) the owner.
make_dir() {
    local dir="$ROOT$1" mode="$2" owner="${3:-}"
    if [ ! -d "$dir" ]; then
        mkdir -p "$dir"
        note "created $1"
        CHANGED=1
    fi
    if [ "$(stat -c %a "$dir")" != "${mode#0}" ]; then
        chmod "$mode" "$dir"
    fi
    if [ -n "$owner" ] && [ -z "$ROOT" ] \
        && [ "$(stat -c %U:%G "$dir")" != "$owner" ]; then
        chown "$owner" "$dir"
    fi
}

# --- 1. packages --------------------------------------------------------------------------

install_packages() {
    if [ -n "$ROOT" ]; then
        return 0
    fi
    local missing=() p
    for p in "${PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'install ok installed' \
            || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        note "apt-get install ${missing[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            "${missing[@]}"
    fi
}

# --- 2. users -----------------------------------------------------------------------------

# next_id FILE: the lowest free system id (100-999) in a passwd or group file.
next_id() {
    local id=999
    while cut -d: -f3 "$1" | grep -qx "$id"; do
        id=$((id - 1))
    done
    echo "$id"
}

# add_to_group GROUP USER (in $ROOT/etc/group; the group must exist there).
add_to_group_file() {
    local group="$1" user="$2" file="$ROOT/etc/group" line members
    line="$(grep "^$group:" "$file" || true)"
    [ -n "$line" ] || return 0
    members="${line##*:}"
    case ",$members," in
        *",$user,"*) return 0 ;;
    esac
    sed -i "s/^\($group:[^:]*:[^:]*:\)\(.*\)\$/\1\2${members:+,}$user/" "$file"
    CHANGED=1
}

create_users() {
    local groups=(video input render)
    if [ -n "$ROOT" ]; then
        mkdir -p "$ROOT/etc"
        [ -e "$ROOT/etc/passwd" ] || : >"$ROOT/etc/passwd"
        [ -e "$ROOT/etc/group" ] || : >"$ROOT/etc/group"
        local g gid uid
        for g in "${groups[@]}"; do
            if ! grep -q "^$g:" "$ROOT/etc/group"; then
                echo "$g:x:$(next_id "$ROOT/etc/group"):" >>"$ROOT/etc/group"
                CHANGED=1
            fi
        done
        if ! grep -q "^kiosk:" "$ROOT/etc/group"; then
            echo "kiosk:x:$(next_id "$ROOT/etc/group"):" >>"$ROOT/etc/group"
            CHANGED=1
        fi
        if ! grep -q "^kiosk:" "$ROOT/etc/passwd"; then
            gid="$(grep "^kiosk:" "$ROOT/etc/group" | cut -d: -f3)"
            uid="$(next_id "$ROOT/etc/passwd")"
            echo "kiosk:x:$uid:$gid:village kiosk:$KIOSK_HOME:/usr/sbin/nologin" \
                >>"$ROOT/etc/passwd"
            note "created user kiosk"
            CHANGED=1
        fi
        for g in "${groups[@]}"; do
            add_to_group_file "$g" kiosk
        done
        return 0
    fi
    if ! getent group kiosk >/dev/null; then
        groupadd --system kiosk
        CHANGED=1
    fi
    if ! getent passwd kiosk >/dev/null; then
        useradd --system --gid kiosk --home-dir "$KIOSK_HOME" --no-create-home \
            --shell /usr/sbin/nologin --comment "village kiosk" kiosk
        note "created user kiosk"
        CHANGED=1
    fi
    local g
    for g in "${groups[@]}"; do
        if getent group "$g" >/dev/null && ! id -nG kiosk | tr ' ' '\n' | grep -qx "$g"; then
            usermod -aG "$g" kiosk
            CHANGED=1
        fi
    done
}

# --- 3. layout ----------------------------------------------------------------------------

lay_out() {
    make_dir "$OPT" 0755 root:root
    make_dir "$OPT/releases" 0755 root:root
    make_dir "$ETC" 0750 root:kiosk
    # The same as tmpfiles.d/village-kiosk.conf, so the tree is complete before a reboot.
    make_dir /var/lib/village-kiosk 0750 kiosk:kiosk
    make_dir "$KIOSK_HOME" 0750 kiosk:kiosk
    make_dir /var/lib/village-kiosk/updates 0750 kiosk:kiosk
    make_dir /var/lib/village-kiosk/updates/downloads 0750 kiosk:kiosk
    make_dir /var/lib/village-kiosk/updates/ready 0750 kiosk:kiosk
    if [ ! -e "$ROOT$ETC/kiosk.toml" ]; then
        # Never overwritten: the county IT staff edit it (terminal code, village, printer).
        install -m 0640 "$HERE/kiosk.example.toml" "$ROOT$ETC/kiosk.toml"
        [ -n "$ROOT" ] || chgrp kiosk "$ETC/kiosk.toml"
        note "created $ETC/kiosk.toml from kiosk.example.toml: edit [terminal] and [printer]"
        CHANGED=1
    fi
    if [ -n "$PUBKEY" ]; then
        put_file "$PUBKEY" "$ETC/release-public.pem" 0644
        # Point an untouched `pubkey = ""` at it; an edited value stays as it is.
        if grep -q '^pubkey = ""$' "$ROOT$ETC/kiosk.toml"; then
            sed -i "s|^pubkey = \"\"\$|pubkey = \"$ETC/release-public.pem\"|" \
                "$ROOT$ETC/kiosk.toml"
            note "[update] pubkey = $ETC/release-public.pem"
            CHANGED=1
        fi
    fi
}

# --- 4. units and rules -------------------------------------------------------------------

install_units() {
    local unit
    for unit in "${UNITS[@]}"; do
        put_file "$HERE/systemd/$unit" "/etc/systemd/system/$unit" 0644
    done
    put_file "$HERE/tmpfiles.d/village-kiosk.conf" /etc/tmpfiles.d/village-kiosk.conf 0644
    put_file "$HERE/udev/70-village-kiosk.rules" /etc/udev/rules.d/70-village-kiosk.rules 0644
    put_file "$HERE/polkit/50-village-kiosk-pcscd.rules" \
        /etc/polkit-1/rules.d/50-village-kiosk-pcscd.rules 0644
}

# --- 5. screen and consoles ---------------------------------------------------------------

screen_always_on() {
    # The kernel console blanks after 10 minutes by default (before cage takes
    # the screen, and whenever it restarts): never. cage itself has no idle
    # blanking and no DPMS timeout, and nothing else runs that would ask for one.
    put_text /etc/default/grub.d/village-kiosk.cfg 0644 <<'EOF'
# village-kiosk: the kiosk screen never blanks (deploy/install.sh).
GRUB_CMDLINE_LINUX_DEFAULT="$GRUB_CMDLINE_LINUX_DEFAULT consoleblank=0"
EOF
    # No login prompts on other consoles: the session owns tty1 and VT switching is off.
    put_text /etc/systemd/logind.conf.d/village-kiosk.conf 0644 <<'EOF'
# village-kiosk (deploy/install.sh): the kiosk session owns tty1; no other gettys.
[Login]
NAutoVTs=0
ReserveVT=0
EOF
}

# --- 6. the first release -----------------------------------------------------------------

# Check the bundle with tools that do not come from the bundle: the signature
# with openssl against the key the IT staff brought, every file's SHA-256
# against the manifest with the system python. Only then is bundle code run,
# and the release's own `kiosk update verify` makes the complete check
# (structure, expiry, channel) before the version is marked VERIFIED.
install_first_release() {
    if [ -z "$BUNDLE" ]; then
        note "no --bundle: no release installed yet (run again with --bundle FILE --pubkey FILE)"
        return 0
    fi
    local work version requirement dir
    work="$(mktemp -d)"
    # shellcheck disable=SC2064  # expand now: $work is local
    trap "rm -rf '$work'" EXIT
    tar -xf "$BUNDLE" -C "$work" --no-same-owner --no-same-permissions \
        || die "$BUNDLE: not a complete bundle (tar failed)"
    if [ ! -f "$work/manifest.json" ] || [ ! -f "$work/manifest.sig" ]; then
        die "$BUNDLE: no manifest.json/manifest.sig"
    fi
    base64 -d "$work/manifest.sig" >"$work/sig.bin" 2>/dev/null \
        || die "$BUNDLE: manifest.sig is not base64"
    openssl pkeyutl -verify -pubin -inkey "$PUBKEY" -rawin -in "$work/manifest.json" \
        -sigfile "$work/sig.bin" >/dev/null 2>&1 \
        || die "$BUNDLE: bad signature (wrong key or tampered manifest)"
    read -r version requirement < <(python3 - "$work" <<'EOF'
import hashlib, json, pathlib, re, sys
work = pathlib.Path(sys.argv[1])
manifest = json.loads((work / "manifest.json").read_bytes())
for entry in manifest["files"]:
    data = (work / entry["path"]).read_bytes()
    if len(data) != entry["size"] or hashlib.sha256(data).hexdigest() != entry["sha256"]:
        sys.exit(f"file mismatch: {entry['path']}")
version = manifest["version"]
if not re.fullmatch(r"[0-9A-Za-z.+!-]+", version):
    sys.exit(f"unusable version {version!r}")
print(version, manifest["requirement"])
EOF
    ) || die "$BUNDLE: refused (see above)"
    [ -n "$version" ] || die "$BUNDLE: refused: no version in the manifest"
    dir="$ROOT$OPT/releases/$version"
    if [ -f "$dir/VERIFIED" ] && [ -x "$dir/venv/bin/python" ]; then
        note "release $version is already installed"
    else
        # A directory without VERIFIED is never used (docs/releases.md): safe to redo.
        rm -rf "$dir"
        mkdir -p "$dir"
        python3 -m venv "$dir/venv"
        # The terminal's extra (pyproject.toml): village-kiosk[kiosk]==V.
        "$dir/venv/bin/python" -m pip install -q --no-index --disable-pip-version-check \
            --no-cache-dir --find-links "$work/wheels" "${requirement/==/[kiosk]==}" \
            || die "$BUNDLE: building the venv failed"
        install -m 0644 "$work/manifest.json" "$work/manifest.sig" "$dir/"
        "$dir/venv/bin/kiosk" update verify "$BUNDLE" --pubkey "$PUBKEY" \
            || die "$BUNDLE: refused by the release's own verifier"
        sync
        printf '{"installed_by": "install.sh", "version": "%s"}\n' "$version" \
            >"$dir/.VERIFIED.tmp"
        mv "$dir/.VERIFIED.tmp" "$dir/VERIFIED"
        note "installed release $version"
        CHANGED=1
    fi
    if [ ! -L "$ROOT$OPT/current" ]; then
        ln -s "releases/$version" "$ROOT$OPT/.current.new"
        mv -T "$ROOT$OPT/.current.new" "$ROOT$OPT/current"
        note "current -> releases/$version"
        CHANGED=1
    fi
    rm -rf "$work"
    trap - EXIT
}

# --- 7. enable ----------------------------------------------------------------------------

enable_units() {
    local sc=(systemctl)
    [ -z "$ROOT" ] || sc=(systemctl --root="$ROOT" --quiet)
    local unit
    for unit in "${ENABLE[@]}"; do
        if ! "${sc[@]}" is-enabled --quiet "$unit" 2>/dev/null; then
            "${sc[@]}" enable "$unit"
            CHANGED=1
        fi
    done
    # The session takes tty1 instead of a login prompt.
    if [ -e "$ROOT/etc/systemd/system/getty.target.wants/getty@tty1.service" ]; then
        "${sc[@]}" disable getty@tty1.service
        CHANGED=1
    fi
    if [ "$(readlink "$ROOT/etc/systemd/system/default.target" || true)" \
        != /lib/systemd/system/graphical.target ]; then
        mkdir -p "$ROOT/etc/systemd/system"
        ln -sfn /lib/systemd/system/graphical.target "$ROOT/etc/systemd/system/default.target"
        CHANGED=1
    fi
}

apply_now() {
    # Only on the real machine, and only when something changed.
    if [ -n "$ROOT" ] || [ "$CHANGED" = 0 ]; then
        return 0
    fi
    systemctl daemon-reload
    systemd-tmpfiles --create /etc/tmpfiles.d/village-kiosk.conf
    if command -v udevadm >/dev/null; then
        udevadm control --reload
        udevadm trigger --action=add --subsystem-match=tty --subsystem-match=usb \
            --subsystem-match=usbmisc --subsystem-match=backlight
    fi
    if command -v update-grub >/dev/null; then
        update-grub
    fi
    systemctl reload polkit.service 2>/dev/null || true
    note "done: reboot to start the kiosk (or: systemctl start village-kiosk-session)"
}

install_packages
create_users
lay_out
install_units
screen_always_on
install_first_release
enable_units
apply_now
if [ "$CHANGED" = 0 ]; then
    note "nothing to change: the terminal is set up"
fi
