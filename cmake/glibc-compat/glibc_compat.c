/* Keeps the shared library loadable on old glibc: x86_64 >= 2.28 (RHEL 8), aarch64 >= 2.17
 * (the first aarch64 glibc). See cmake/README.md, "glibc baseline".
 *
 * Debian 12 links against glibc 2.36, whose headers and libc.so bind every call to the
 * newest version of a symbol. Some of those versions are new: glibc 2.34 moved the
 * pthread and dl functions from libpthread/libdl into libc under a new GLIBC_2.34 version,
 * 2.33 made stat/fstat real functions, 2.29 gave log2/pow errno-free versions. Old
 * glibc lacks those versions, so a library that asks for them fails to load there
 * ("version `GLIBC_2.34' not found").
 *
 * Each such symbol is defined here once, hidden, as a jump to the same function at its
 * old version (".symver" names the version of the reference). Every caller in the link —
 * librdkafka and the static OpenSSL, zlib and zstd archives alike — binds to these
 * definitions, because a definition in a regular object wins over a shared library's.
 * The old versions still exist in new glibc (for old binaries), so the library loads on
 * both. The build then checks the result (GlibcCompat.cmake), as does NativeLibraryFileTest.
 */
#include <sys/stat.h>

#if defined(__x86_64__)
#define JRDKAFKA_GLIBC_BASE "GLIBC_2.2.5"
#define JRDKAFKA_TAIL_CALL(target) "jmp " target "@PLT"
#define JRDKAFKA_STAT_VER 1 /* _STAT_VER_LINUX of x86_64 */
#define JRDKAFKA_SETNAME_VERSION "GLIBC_2.12"
#elif defined(__aarch64__)
#define JRDKAFKA_GLIBC_BASE "GLIBC_2.17"
#define JRDKAFKA_TAIL_CALL(target) "b " target
#define JRDKAFKA_STAT_VER 0 /* _STAT_VER_KERNEL of the generic (asm-generic) stat ABI */
#define JRDKAFKA_SETNAME_VERSION "GLIBC_2.17"
#else
#error "glibc_compat.c knows x86_64 and aarch64 only; build without it elsewhere"
#endif

/* name: a hidden function that jumps to name@version. Signature-free: arguments and the
 * return value pass through untouched, as the jump leaves registers and stack as they are. */
#define JRDKAFKA_PIN_AT(name, version)                                                  \
    __asm__(".globl " #name "\n\t"                                                     \
            ".hidden " #name "\n\t"                                                    \
            ".type " #name ", %function\n"                                             \
            #name ":\n\t"                                                              \
            JRDKAFKA_TAIL_CALL("jrdkafka_glibc_" #name) "\n\t"                         \
            ".size " #name ", . - " #name "\n\t"                                       \
            ".symver jrdkafka_glibc_" #name ", " #name "@" version "\n")
#define JRDKAFKA_PIN(name) JRDKAFKA_PIN_AT(name, JRDKAFKA_GLIBC_BASE)

/* 2.34: moved from libpthread.so.0 into libc.so.6 (libpthread is a NEEDED entry, so old
 * glibc finds them where they lived). */
JRDKAFKA_PIN(pthread_create);
JRDKAFKA_PIN(pthread_join);
JRDKAFKA_PIN(pthread_detach);
JRDKAFKA_PIN(pthread_mutex_trylock);
JRDKAFKA_PIN(pthread_mutex_timedlock);
JRDKAFKA_PIN(pthread_mutexattr_init);
JRDKAFKA_PIN(pthread_mutexattr_destroy);
JRDKAFKA_PIN(pthread_mutexattr_settype);
JRDKAFKA_PIN(pthread_once);
JRDKAFKA_PIN(pthread_key_create);
JRDKAFKA_PIN(pthread_key_delete);
JRDKAFKA_PIN(pthread_getspecific);
JRDKAFKA_PIN(pthread_setspecific);
JRDKAFKA_PIN(pthread_kill);
JRDKAFKA_PIN(pthread_rwlock_init);
JRDKAFKA_PIN(pthread_rwlock_destroy);
JRDKAFKA_PIN(pthread_rwlock_rdlock);
JRDKAFKA_PIN(pthread_rwlock_wrlock);
JRDKAFKA_PIN(pthread_rwlock_unlock);
JRDKAFKA_PIN_AT(pthread_setname_np, JRDKAFKA_SETNAME_VERSION);
/* 2.32: new version of pthread_sigmask (same behaviour for valid arguments). */
JRDKAFKA_PIN(pthread_sigmask);
/* 2.34: moved from libdl.so.2 into libc.so.6 (libdl is a NEEDED entry). */
JRDKAFKA_PIN(dlopen);
JRDKAFKA_PIN(dlsym);
JRDKAFKA_PIN(dlclose);
JRDKAFKA_PIN(dlerror);
JRDKAFKA_PIN(dladdr);
/* 2.29: versions that no longer set errno through a wrapper; the old ones are the same
 * functions with the SVID error handling (libm). */
JRDKAFKA_PIN(log2);
JRDKAFKA_PIN(pow);

/* 2.33: stat, fstat and lstat became libc functions; before, <sys/stat.h> inlined them as
 * calls of __xstat/__fxstat/__lxstat with the ABI's stat version, and those still exist. */
extern int jrdkafka_glibc___fxstat(int ver, int fd, struct stat *buf);
extern int jrdkafka_glibc___xstat(int ver, const char *path, struct stat *buf);
extern int jrdkafka_glibc___lxstat(int ver, const char *path, struct stat *buf);
__asm__(".symver jrdkafka_glibc___fxstat, __fxstat@" JRDKAFKA_GLIBC_BASE);
__asm__(".symver jrdkafka_glibc___xstat, __xstat@" JRDKAFKA_GLIBC_BASE);
__asm__(".symver jrdkafka_glibc___lxstat, __lxstat@" JRDKAFKA_GLIBC_BASE);

__attribute__((visibility("hidden"))) int fstat(int fd, struct stat *buf) {
    return jrdkafka_glibc___fxstat(JRDKAFKA_STAT_VER, fd, buf);
}

__attribute__((visibility("hidden"))) int stat(const char *path, struct stat *buf) {
    return jrdkafka_glibc___xstat(JRDKAFKA_STAT_VER, path, buf);
}

__attribute__((visibility("hidden"))) int lstat(const char *path, struct stat *buf) {
    return jrdkafka_glibc___lxstat(JRDKAFKA_STAT_VER, path, buf);
}

#if defined(__aarch64__)
/* 2.25: getentropy. OpenSSL's libcrypto.a refers to it weakly (and falls back to the
 * getrandom system call, then /dev/urandom, when it is absent or fails with ENOSYS); a weak
 * reference still records GLIBC_2.25. This definition is what glibc's does: the getrandom
 * system call, at most 256 bytes. */
#include <errno.h>
#include <stddef.h>
#include <sys/syscall.h>
#include <unistd.h>

__attribute__((visibility("hidden"))) int getentropy(void *buffer, size_t length) {
    if (length > 256) {
        errno = EIO;
        return -1;
    }
    unsigned char *p = buffer;
    while (length > 0) {
        long n = syscall(SYS_getrandom, p, length, 0);
        if (n < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        p += n;
        length -= (size_t)n;
    }
    return 0;
}
#endif
