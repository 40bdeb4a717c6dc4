# librdkafka_source(<out-var>): finds the pinned librdkafka source archive, verifies its
# SHA-256, extracts it once, and sets <out-var> to the source tree. Routes, in order:
#   1. RDKAFKA_SOURCE_TARBALL (Maven property rdkafka.source.tarball or environment
#      variable JRDKAFKA_RDKAFKA_TARBALL): used alone when given, no fallback;
#   2. RDKAFKA_DOWNLOAD_CACHE/librdkafka-<version>.tar.gz, from an earlier download;
#   3. RDKAFKA_SOURCE_URL, downloaded into that cache.
# Any failure ends in one error that names every route tried and what to do.

function(_rdkafka_check_archive path out_ok out_why)
  if(NOT EXISTS "${path}")
    set(${out_ok} FALSE PARENT_SCOPE)
    set(${out_why} "no such file" PARENT_SCOPE)
    return()
  endif()
  file(SHA256 "${path}" actual)
  if(NOT actual STREQUAL RDKAFKA_SHA256)
    set(${out_ok} FALSE PARENT_SCOPE)
    set(${out_why} "SHA-256 is ${actual}, expected ${RDKAFKA_SHA256}" PARENT_SCOPE)
    return()
  endif()
  set(${out_ok} TRUE PARENT_SCOPE)
endfunction()

function(librdkafka_source out_dir)
  set(tried "")
  set(archive "")
  if(RDKAFKA_SOURCE_TARBALL)
    _rdkafka_check_archive("${RDKAFKA_SOURCE_TARBALL}" ok why)
    if(ok)
      set(archive "${RDKAFKA_SOURCE_TARBALL}")
    else()
      list(APPEND tried "  explicit tarball ${RDKAFKA_SOURCE_TARBALL}: ${why}")
    endif()
  else()
    if(NOT RDKAFKA_DOWNLOAD_CACHE)
      message(FATAL_ERROR "RDKAFKA_DOWNLOAD_CACHE is not set (build-native.sh sets it)")
    endif()
    set(cached "${RDKAFKA_DOWNLOAD_CACHE}/librdkafka-${RDKAFKA_VERSION}.tar.gz")
    _rdkafka_check_archive("${cached}" ok why)
    if(ok)
      set(archive "${cached}")
    else()
      list(APPEND tried "  download cache ${cached}: ${why}")
      file(MAKE_DIRECTORY "${RDKAFKA_DOWNLOAD_CACHE}")
      set(partial "${cached}.part")
      message(STATUS "Downloading librdkafka ${RDKAFKA_VERSION} from ${RDKAFKA_SOURCE_URL}")
      file(DOWNLOAD "${RDKAFKA_SOURCE_URL}" "${partial}" STATUS status TLS_VERIFY ON
           TIMEOUT 300 INACTIVITY_TIMEOUT 60)
      list(GET status 0 code)
      list(GET status 1 text)
      if(code EQUAL 0)
        _rdkafka_check_archive("${partial}" ok why)
        if(ok)
          file(RENAME "${partial}" "${cached}")
          set(archive "${cached}")
        else()
          file(REMOVE "${partial}")
          list(APPEND tried "  upstream archive ${RDKAFKA_SOURCE_URL}: downloaded, but ${why}")
        endif()
      else()
        file(REMOVE "${partial}")
        list(APPEND tried "  upstream archive ${RDKAFKA_SOURCE_URL}: download failed (${text})")
      endif()
    endif()
  endif()

  if(NOT archive)
    list(JOIN tried "\n" tried_text)
    message(FATAL_ERROR
      "No usable librdkafka ${RDKAFKA_VERSION} source archive "
      "(SHA-256 ${RDKAFKA_SHA256}). Routes tried:\n${tried_text}\n"
      "Fix: pass the archive explicitly with -Drdkafka.source.tarball=/path/to/archive "
      "(or the environment variable JRDKAFKA_RDKAFKA_TARBALL), or place it at "
      "${RDKAFKA_DOWNLOAD_CACHE}/librdkafka-${RDKAFKA_VERSION}.tar.gz.")
  endif()

  # Extract once per archive hash; the archive's single top directory is the tree.
  set(extract_root "${CMAKE_BINARY_DIR}/source-${RDKAFKA_SHA256}")
  if(NOT EXISTS "${extract_root}/.complete")
    file(REMOVE_RECURSE "${extract_root}")
    file(ARCHIVE_EXTRACT INPUT "${archive}" DESTINATION "${extract_root}")
    file(TOUCH "${extract_root}/.complete")
  endif()
  file(GLOB tops LIST_DIRECTORIES true "${extract_root}/*")
  list(FILTER tops EXCLUDE REGEX "/\\.complete$")
  list(LENGTH tops n)
  if(NOT n EQUAL 1 OR NOT EXISTS "${tops}/src/rdkafka.h")
    message(FATAL_ERROR "${archive} is not a librdkafka source archive (no single top "
                        "directory with src/rdkafka.h)")
  endif()
  message(STATUS "librdkafka ${RDKAFKA_VERSION} source: ${archive} (SHA-256 verified)")
  set(${out_dir} "${tops}" PARENT_SCOPE)
endfunction()
