# Every dependency is found here, once. A missing one stops the configure step with the Debian
# package that provides it (scripts/setup installs them all).
find_package(PkgConfig)
if(NOT PkgConfig_FOUND)
  message(FATAL_ERROR "pkg-config not found: apt-get install pkg-config (or run scripts/setup)")
endif()

function(zconform_require_pkg_config target module debian_package)
  pkg_check_modules(${target} IMPORTED_TARGET ${module})
  if(NOT ${target}_FOUND)
    message(FATAL_ERROR "${module} not found: apt-get install ${debian_package} (or run scripts/setup)")
  endif()
endfunction()

function(zconform_require_package name debian_package)
  find_package(${name} ${ARGN} QUIET)
  if(NOT ${name}_FOUND)
    message(FATAL_ERROR "${name} not found: apt-get install ${debian_package} (or run scripts/setup)")
  endif()
endfunction()

zconform_require_pkg_config(LIBZMQ libzmq libzmq3-dev)
# The raw peer's CURVE (RFC 26): crypto_box, crypto_secretbox and key pairs, never our own crypto.
zconform_require_pkg_config(SODIUM libsodium libsodium-dev)
zconform_require_package(cppzmq cppzmq-dev)
zconform_require_package(nlohmann_json nlohmann-json3-dev)
zconform_require_package(yaml-cpp libyaml-cpp-dev)
zconform_require_package(CLI11 libcli11-dev)
zconform_require_package(pugixml libpugixml-dev)
zconform_require_package(Boost libboost-dev COMPONENTS filesystem)
zconform_require_package(Threads libc6-dev)
zconform_require_package(OpenSSL libssl-dev COMPONENTS Crypto)  # SHA-1 of the WebSocket upgrade
if(ZCONFORM_BUILD_TESTS)
  zconform_require_package(GTest "libgtest-dev libgmock-dev")
endif()
