#include "errno_names.hpp"

#include <zmq.h>

#include <cerrno>

namespace zconform::libzmq_agent {

std::string errno_name(int number) {
  // A switch rather than a map: the compiler rejects two names for one number, which catches
  // aliases (EWOULDBLOCK == EAGAIN, EOPNOTSUPP == ENOTSUP on Linux) at build time.
  switch (number) {
    // libzmq's native errors.
    case EFSM: return "EFSM";
    case ENOCOMPATPROTO: return "ENOCOMPATPROTO";
    case ETERM: return "ETERM";
    case EMTHREAD: return "EMTHREAD";
    // System errors libzmq reports (zmq.h redefines the missing ones on other platforms).
    case EAGAIN: return "EAGAIN";
    case EINVAL: return "EINVAL";
    case EINTR: return "EINTR";
    case EFAULT: return "EFAULT";
    case ENOMEM: return "ENOMEM";
    case EMFILE: return "EMFILE";
    case ENFILE: return "ENFILE";
    case ENODEV: return "ENODEV";
    case ENOENT: return "ENOENT";
    case EACCES: return "EACCES";
    case EPERM: return "EPERM";
    case EBUSY: return "EBUSY";
    case EEXIST: return "EEXIST";
    case EBADF: return "EBADF";
    case EPIPE: return "EPIPE";
    case ENAMETOOLONG: return "ENAMETOOLONG";
    case ENOTDIR: return "ENOTDIR";
    case EISDIR: return "EISDIR";
    case ENOSPC: return "ENOSPC";
    case EROFS: return "EROFS";
    case ENOTSUP: return "ENOTSUP";
    case EPROTONOSUPPORT: return "EPROTONOSUPPORT";
    case EPROTO: return "EPROTO";
    case ENOBUFS: return "ENOBUFS";
    case ENETDOWN: return "ENETDOWN";
    case EADDRINUSE: return "EADDRINUSE";
    case EADDRNOTAVAIL: return "EADDRNOTAVAIL";
    case ECONNREFUSED: return "ECONNREFUSED";
    case EINPROGRESS: return "EINPROGRESS";
    case ENOTSOCK: return "ENOTSOCK";
    case EMSGSIZE: return "EMSGSIZE";
    case EAFNOSUPPORT: return "EAFNOSUPPORT";
    case ENETUNREACH: return "ENETUNREACH";
    case ECONNABORTED: return "ECONNABORTED";
    case ECONNRESET: return "ECONNRESET";
    case ENOTCONN: return "ENOTCONN";
    case ETIMEDOUT: return "ETIMEDOUT";
    case EHOSTUNREACH: return "EHOSTUNREACH";
    case ENETRESET: return "ENETRESET";
    default: return "EUNKNOWN";
  }
}

}  // namespace zconform::libzmq_agent
