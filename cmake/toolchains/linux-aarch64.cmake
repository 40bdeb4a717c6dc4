# Cross-build for linux-aarch64 (glibc) on a Debian/Ubuntu x86_64 host, with Debian's
# cross toolchain and the arm64 static archives installed multiarch:
#   crossbuild-essential-arm64 libssl-dev:arm64 zlib1g-dev:arm64 libzstd-dev:arm64
# (scripts/install-prerequisites.sh --aarch64 installs them). build-native.sh
# --platform linux-aarch64 passes this file; the result runs under qemu-aarch64 -L
# /usr/aarch64-linux-gnu (see cmake/README.md).
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(JRDKAFKA_CROSS_TRIPLET aarch64-linux-gnu)

set(CMAKE_C_COMPILER ${JRDKAFKA_CROSS_TRIPLET}-gcc)
set(CMAKE_CXX_COMPILER ${JRDKAFKA_CROSS_TRIPLET}-g++)
# Debian multiarch: arm64 libraries live in /usr/lib/aarch64-linux-gnu, next to (not under)
# the host's. Searching <prefix>/lib/<this> first keeps find_library off the x86_64 archives.
set(CMAKE_LIBRARY_ARCHITECTURE ${JRDKAFKA_CROSS_TRIPLET})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
# pkg-config (FindOpenSSL asks it for hints, which are searched before the system paths)
# must describe arm64 libraries, not the host's.
set(ENV{PKG_CONFIG_LIBDIR} "/usr/lib/${JRDKAFKA_CROSS_TRIPLET}/pkgconfig:/usr/share/pkgconfig")
set(ENV{PKG_CONFIG_PATH} "")
# Programs built here cannot run on the host without qemu; librdkafka's configure only
# compiles its checks (try_compile), it never runs them.
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-aarch64 -L /usr/${JRDKAFKA_CROSS_TRIPLET})
