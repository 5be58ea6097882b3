#pragma once
// Error numbers as the protocol names them ("EAGAIN", "ETERM", ...). libzmq's own errors (EFSM,
// ETERM, ...) are ZMQ_HAUSNUMERO offsets rather than system errnos, so strerror() alone won't do.
#include <string>

namespace zconform::libzmq_agent {

// The errno name, or "EUNKNOWN" for a number this table does not know (the caller keeps the
// number in the message so nothing is lost).
std::string errno_name(int number);

}  // namespace zconform::libzmq_agent
