#!/usr/bin/env bash
# deps.sh checks the system tools the build needs and, on Debian/Ubuntu as
# root, installs the missing ones; elsewhere it stops and says what to install.
#
#   tools/deps.sh build   brotli (to precompress app.wasm) and fonts-noto-cjk
#                         (the share images' Japanese, app/ogcard)
#   tools/deps.sh test    the above, plus chromium (browser tests, which
#                         draw Japanese with the same fonts), node (js/wasm tests), npm
#                         (installs axe-core for the accessibility tests), and
#                         nginx with its brotli module (the static export's
#                         browser test serves it with a stock static server)
#   tools/deps.sh bench   brotli, wrk (the load generator) and nginx with its
#                         brotli module (make bench-load compares the server
#                         with nginx serving the static export)
set -euo pipefail

mode=${1:-build}
case $mode in
build | test | bench) ;;
*)
	echo "usage: tools/deps.sh build|test|bench" >&2
	exit 2
	;;
esac

have() { command -v "$1" >/dev/null 2>&1; }

# noto_cjk says whether Noto Sans CJK's bold and regular collections are in
# one of the folders app/ogcard looks in (ogcard.FontDirs; a test holds the
# two lists equal).
noto_cjk() {
	local dir
	for dir in /usr/share/fonts/opentype/noto /usr/share/fonts/noto-cjk \
		/usr/share/fonts/google-noto-sans-cjk-fonts /usr/share/fonts/google-noto-cjk; do
		[[ -e $dir/NotoSansCJK-Bold.ttc && -e $dir/NotoSansCJK-Regular.ttc ]] && return 0
	done
	return 1
}

# missing prints the Debian packages that are not installed yet.
missing() {
	have brotli || echo brotli
	noto_cjk || echo fonts-noto-cjk
	if [[ $mode == test ]]; then
		have chromium || have chromium-browser || echo chromium
		have node || echo nodejs
		have npm || echo npm
	fi
	if [[ $mode == test || $mode == bench ]]; then
		have nginx || [[ -x /usr/sbin/nginx ]] || echo nginx
		[[ -e /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ]] || echo libnginx-mod-http-brotli-static
	fi
	if [[ $mode == bench ]]; then
		have wrk || echo wrk
	fi
}

mapfile -t pkgs < <(missing)
if ((${#pkgs[@]} == 0)); then
	exit 0
fi
if have apt-get && [[ $(id -u) == 0 ]]; then
	echo "deps: installing ${pkgs[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update
	apt-get install -y --no-install-recommends "${pkgs[@]}"
	mapfile -t pkgs < <(missing)
	if ((${#pkgs[@]} == 0)); then
		exit 0
	fi
	echo "deps: still missing after apt-get install: ${pkgs[*]}" >&2
	exit 1
fi
echo "deps: missing: ${pkgs[*]}" >&2
echo "deps: install them, e.g. on Debian/Ubuntu: sudo apt-get install --no-install-recommends ${pkgs[*]}" >&2
echo "deps: (node is needed for the js/wasm tests, npm for axe-core; chromium for the browser tests; fonts-noto-cjk for the share images and the browser tests' Japanese text; nginx for the static export's test and the benchmark, wrk for the benchmark)" >&2
exit 1
