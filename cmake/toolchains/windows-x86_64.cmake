# Recipe for Windows x64 with MSVC (not built here, see .github/workflows/platforms.yml).
# Static OpenSSL, zlib and zstd come from vcpkg:
#   vcpkg install openssl zlib zstd --triplet x64-windows-static
# with VCPKG_INSTALLATION_ROOT set (it is on GitHub's Windows runners). Their archives are
# named as vcpkg names them, so StaticDependencies.cmake is given them directly; the static
# CRT (/MT) matches the triplet. The DLL (rdkafka.dll) exports the same 552 functions
# through the .def file ExportMap.cmake writes.
set(VCPKG_TARGET_TRIPLET x64-windows-static CACHE STRING "")
if(NOT DEFINED ENV{VCPKG_INSTALLATION_ROOT})
  message(FATAL_ERROR "Set VCPKG_INSTALLATION_ROOT to a vcpkg checkout with "
                      "openssl, zlib and zstd installed for x64-windows-static")
endif()
file(TO_CMAKE_PATH "$ENV{VCPKG_INSTALLATION_ROOT}" _vcpkg_root)
set(_deps "${_vcpkg_root}/installed/x64-windows-static")
set(CMAKE_MSVC_RUNTIME_LIBRARY "MultiThreaded$<$<CONFIG:Debug>:Debug>")
set(OPENSSL_ROOT_DIR "${_deps}" CACHE PATH "")
set(JRDKAFKA_SSL_A "${_deps}/lib/libssl.lib" CACHE FILEPATH "")
set(JRDKAFKA_CRYPTO_A "${_deps}/lib/libcrypto.lib" CACHE FILEPATH "")
set(JRDKAFKA_ZLIB_A "${_deps}/lib/zlib.lib" CACHE FILEPATH "")
set(JRDKAFKA_ZSTD_A "${_deps}/lib/zstd.lib" CACHE FILEPATH "")
list(APPEND CMAKE_PREFIX_PATH "${_deps}")
include("${_vcpkg_root}/scripts/buildsystems/vcpkg.cmake")
