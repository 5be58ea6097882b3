# Sourced by scripts/build-libzmq and scripts/build-instrumented-libzmq: where a libzmq source tree
# comes from, and what every build of one leaves out.

# Fetches and unpacks Debian's source package of the installed libzmq5 under DEST (once: a tree
# already there is reused) and prints the tree's path. A private apt configuration holds the
# deb-src entry, so /etc/apt is never changed; signatures are checked with Debian's keyring as
# for any package.
libzmq_debian_source() {
  local dest="$1"
  local package version
  package=$(dpkg-query -W -f='${source:Package}' libzmq5 2>/dev/null) || {
    echo "libzmq_source: libzmq5 is not installed, so there is no Debian source to default to;" \
      "give a libzmq source tree on the command line" >&2
    return 2
  }
  version=$(dpkg-query -W -f='${source:Version}' libzmq5)
  local upstream="${version#*:}"
  upstream="${upstream%-*}"
  local tree="$dest/$package-$upstream"
  if [[ -f "$tree/.zconform-debian-$version" ]]; then
    echo "$tree"
    return 0
  fi
  local suite
  suite=$(. /etc/os-release && echo "${VERSION_CODENAME:?}")
  mkdir -p "$dest/apt/lists/partial"
  echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg]" \
    "http://deb.debian.org/debian $suite main" >"$dest/apt/sources.list"
  local apt=(apt-get -q -o "Dir::Etc::SourceList=$dest/apt/sources.list" -o Dir::Etc::SourceParts=/dev/null
    -o "Dir::State::Lists=$dest/apt/lists" -o APT::Sandbox::User=root)
  echo "libzmq_source: fetching Debian's source of libzmq5 $version ($package)" >&2
  "${apt[@]}" update >"$dest/apt/update.log" 2>&1 || {
    echo "libzmq_source: apt-get update of the deb-src entry failed, see $dest/apt/update.log" >&2
    return 1
  }
  rm -rf "$tree"
  (cd "$dest" && "${apt[@]}" source --download-only "$package=$version" >"$dest/apt/source.log" 2>&1 &&
    dpkg-source -x "${package}_${version#*:}.dsc" "$tree" >>"$dest/apt/source.log" 2>&1) || {
    echo "libzmq_source: apt-get source $package=$version failed, see $dest/apt/source.log" >&2
    return 1
  }
  touch "$tree/.zconform-debian-$version"
  echo "$tree"
}

# Exits with a message unless DIR holds a libzmq source tree.
libzmq_require_tree() {
  [[ -f "$1/CMakeLists.txt" && -f "$1/include/zmq.h" && -f "$1/src/v2_decoder.cpp" ]] || {
    echo "$2: $1 is not a libzmq source tree (no CMakeLists.txt, include/zmq.h, src/v2_decoder.cpp)" >&2
    exit 2
  }
}

# The version as DIR/include/zmq.h says it.
libzmq_version() {
  awk '/#define ZMQ_VERSION_(MAJOR|MINOR|PATCH)/ {v = v (v ? "." : "") $3} END {print v}' "$1/include/zmq.h"
}

# libzmq's CMake options that every build here shares: no tests, docs, perf tools or packaging.
libzmq_cmake_common=(-G Ninja -DBUILD_TESTS=OFF -DWITH_DOCS=OFF -DWITH_PERF_TOOL=OFF -DENABLE_CPACK=OFF)
