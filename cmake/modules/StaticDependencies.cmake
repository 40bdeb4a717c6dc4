# Points librdkafka's find modules at the static archives of OpenSSL, zlib and zstd, so
# they end up inside our shared library and are not runtime dependencies. The archives
# come with the distribution's -dev packages (libssl-dev, zlib1g-dev, libzstd-dev).

function(_jrdkafka_static_archive var name package)
  find_library(${var} NAMES "lib${name}.a")
  if(NOT ${var})
    message(FATAL_ERROR "Static archive lib${name}.a not found. Install ${package} "
                        "(Debian/Ubuntu: run scripts/install-prerequisites.sh).")
  endif()
endfunction()

macro(jrdkafka_use_static_dependencies)
  set(OPENSSL_USE_STATIC_LIBS TRUE)
  _jrdkafka_static_archive(JRDKAFKA_SSL_A ssl "libssl-dev")
  _jrdkafka_static_archive(JRDKAFKA_CRYPTO_A crypto "libssl-dev")
  _jrdkafka_static_archive(JRDKAFKA_ZLIB_A z "zlib1g-dev")
  _jrdkafka_static_archive(JRDKAFKA_ZSTD_A zstd "libzstd-dev")
  set(ZLIB_LIBRARY "${JRDKAFKA_ZLIB_A}" CACHE FILEPATH "" FORCE)
  set(ZLIB_LIBRARY_RELEASE "${JRDKAFKA_ZLIB_A}" CACHE FILEPATH "" FORCE)
  set(ZSTD_LIBRARY_RELEASE "${JRDKAFKA_ZSTD_A}" CACHE FILEPATH "" FORCE)
  set(ZSTD_LIBRARY "${JRDKAFKA_ZSTD_A}" CACHE FILEPATH "" FORCE)
endmacro()
