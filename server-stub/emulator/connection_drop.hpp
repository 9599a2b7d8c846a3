#pragma once
// The "dropped connection" fault: closes a client's connection in the middle of its request,
// with no answer at all. cpp-httplib does not hand a handler its socket, so the socket is
// found by its two ends (our local port, the client's port) among the process's descriptors
// and shut down; cpp-httplib then fails its write and closes the descriptor itself.
#include <string>

namespace iiv::emulator {

// True when a matching connected socket was found and shut down.
bool drop_connection(int local_port, int remote_port);

// Shuts down every accepted connection on `local_port` (idle keep-alive ones included), so a
// stopping server does not wait for clients to hang up. Returns how many were shut down.
int drop_all_connections(int local_port);

}  // namespace iiv::emulator
