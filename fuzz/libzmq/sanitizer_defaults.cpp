// Linked into every in-process libzmq target: two things that make libzmq's crashes reportable.
#include <dlfcn.h>
#include <signal.h>

#include <cerrno>
#include <cstddef>
#include <initializer_list>

// libzmq allocates what a frame header declares before the body arrives, so a declared size of
// 2^40 is a failed malloc (ENOMEM: libzmq drops the connection), not an ASan report of an
// allocation-size-too-big. 64 MiB keeps bodies of tens of megabytes reachable.
// Targets with live connections (ZCONFORM_LIVE_CONNECTIONS) run without LeakSanitizer: libzmq
// frees a connection's objects in its I/O thread after the input that made them has returned, so
// libFuzzer would suspect a leak after every input and scan the heap each time (60% of the time
// went there); a leak cannot be pinned on one input there anyway. Their quarantine of freed
// memory is 16 MiB instead of 256: each connection allocates fresh buffers, and with the default
// the process spent half its time faulting in new pages (420 us per input, 215 with 16 MiB, which
// still holds every buffer of the last few hundred connections for use-after-free checks).
extern "C" const char* __asan_default_options() {
#ifdef ZCONFORM_LIVE_CONNECTIONS
  return "allocator_may_return_null=1:max_allocation_size_mb=64:detect_leaks=0:quarantine_size_mb="
         "16";
#else
  return "allocator_may_return_null=1:max_allocation_size_mb=64";
#endif
}

// libzmq's threads block every signal (src/thread.cpp), and a SIGSEGV raised in a thread that
// blocks it kills the process with no sanitizer report and no saved input. This definition takes
// the place of libc's for the whole (statically linked) process: it lets libzmq block everything
// but the synchronous signals through which a crash is reported.
extern "C" int pthread_sigmask(int how, const sigset_t* set, sigset_t* old) {
  using Real = int (*)(int, const sigset_t*, sigset_t*);
  static const Real real = reinterpret_cast<Real>(dlsym(RTLD_NEXT, "pthread_sigmask"));
  if (set == nullptr || how == SIG_UNBLOCK) return real(how, set, old);
  sigset_t kept = *set;
  for (int crash : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTRAP}) sigdelset(&kept, crash);
  return real(how, &kept, old);
}

#ifndef ZCONFORM_LIVE_CONNECTIONS
// The decoder targets give libzmq at most 100 KiB per malloc: a frame that declares more fails to
// allocate as under real memory pressure (ENOMEM, the connection dropped), which is all a larger
// size could show there. Without this cap the fuzzers soon declare sizes of tens of megabytes;
// ASan maps, poisons and unmaps each allocation over its 128 KiB size classes, and 60% of the
// time went to memset and page faults. libFuzzer
// itself allocates with operator new, which this leaves alone; ASan still checks every malloc.
extern "C" void* __interceptor_malloc(size_t size);
extern "C" void* malloc(size_t size) {
  if (size > 100 * 1024) {
    errno = ENOMEM;
    return nullptr;
  }
  return __interceptor_malloc(size);
}
#endif
