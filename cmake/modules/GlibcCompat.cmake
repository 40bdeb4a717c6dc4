# Keeps the shared library loadable on old glibc (see cmake/README.md, "glibc baseline"):
# x86_64 needs glibc >= 2.28 (RHEL 8), aarch64 >= 2.17 (its first glibc).
#
#   jrdkafka_glibc_baseline(<target> <config.h>)
#     - links glibc-compat/glibc_compat.c, which pins the symbols whose default version is
#       newer than the baseline to their old versions;
#     - adds libpthread.so.0 and libdl.so.2 as NEEDED: old glibc keeps the pinned pthread
#       and dl functions there, not in libc.so.6;
#     - turns off what the baseline lacks in librdkafka's generated config.h: C11 threads
#       (glibc 2.28; librdkafka then uses its tinycthread layer over pthreads, as on macOS),
#       and on aarch64 getentropy (2.25; librdkafka then seeds rand_r from the clock);
#     - checks the linked library: any GLIBC_x.y newer than the baseline fails the build.
# JRDKAFKA_GLIBC_BASELINE=OFF skips all of it (the library then needs the build host's glibc).

option(JRDKAFKA_GLIBC_BASELINE "Build for the oldest supported glibc (2.28 x86_64, 2.17 aarch64)" ON)

function(jrdkafka_glibc_baseline target config_h)
  if(NOT JRDKAFKA_GLIBC_BASELINE OR NOT CMAKE_SYSTEM_NAME STREQUAL "Linux")
    return()
  endif()
  if(CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64|amd64)$")
    set(ceiling "2.28")
    set(drop WITH_C11THREADS)
  elseif(CMAKE_SYSTEM_PROCESSOR MATCHES "^(aarch64|arm64|ARM64)$")
    set(ceiling "2.17")
    set(drop WITH_C11THREADS HAVE_GETENTROPY)
  else()
    message(FATAL_ERROR "No glibc baseline for ${CMAKE_SYSTEM_PROCESSOR}: configure with "
                        "-DJRDKAFKA_GLIBC_BASELINE=OFF (the library then needs this system's glibc).")
  endif()

  file(READ "${config_h}" text)
  set(patched "${text}")
  foreach(name IN LISTS drop)
    string(REPLACE "#define ${name} 1\n"
           "#define ${name} 0 /* off: newer than glibc ${ceiling} (GlibcCompat.cmake) */\n"
           patched "${patched}")
  endforeach()
  if("WITH_C11THREADS" IN_LIST drop)
    # librdkafka's debug line "built with ..." would still claim them.
    string(REGEX REPLACE "(#define BUILT_WITH [^\n]*) C11THREADS" "\\1" patched "${patched}")
  endif()
  if(NOT patched STREQUAL text)
    file(WRITE "${config_h}" "${patched}")
  endif()

  target_sources(${target} PRIVATE "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/../glibc-compat/glibc_compat.c")
  target_link_libraries(${target} PRIVATE
      "-Wl,--push-state,--no-as-needed" "-l:libpthread.so.0" "-l:libdl.so.2" "-Wl,--pop-state")
  if(NOT CMAKE_READELF)
    find_program(CMAKE_READELF NAMES readelf REQUIRED)
  endif()
  add_custom_command(TARGET ${target} POST_BUILD
      COMMAND "${CMAKE_COMMAND}" -DLIBRARY=$<TARGET_FILE:${target}> -DREADELF=${CMAKE_READELF}
              -DCEILING=${ceiling} -P "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/CheckGlibcCeiling.cmake"
      VERBATIM)
  message(STATUS "glibc baseline: ${ceiling} (${CMAKE_SYSTEM_PROCESSOR})")
endfunction()
