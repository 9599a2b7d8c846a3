#include "emulator/connection_drop.hpp"

#include <dirent.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstdlib>

namespace iiv::emulator {

namespace {

int port_of(const sockaddr_storage& address) {
  if (address.ss_family == AF_INET) return ntohs(reinterpret_cast<const sockaddr_in&>(address).sin_port);
  if (address.ss_family == AF_INET6) return ntohs(reinterpret_cast<const sockaddr_in6&>(address).sin6_port);
  return -1;
}

// A connected socket whose local port is `local_port` and, unless `remote_port` is -1,
// whose peer's port is `remote_port`.
bool is_connection(int fd, int local_port, int remote_port) {
  sockaddr_storage local{}, peer{};
  socklen_t local_len = sizeof(local), peer_len = sizeof(peer);
  if (getsockname(fd, reinterpret_cast<sockaddr*>(&local), &local_len) != 0) return false;
  if (port_of(local) != local_port) return false;
  if (getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &peer_len) != 0) return false;  // not connected
  return remote_port < 0 || port_of(peer) == remote_port;
}

// Calls `visit(fd)` for each descriptor of this process; stops when it returns false.
template <typename Visit>
void for_each_descriptor(Visit visit) {
  DIR* dir = opendir("/proc/self/fd");
  if (!dir) return;
  while (const dirent* entry = readdir(dir)) {
    char* end = nullptr;
    const long fd = std::strtol(entry->d_name, &end, 10);
    if (end == entry->d_name || *end != '\0' || fd == dirfd(dir)) continue;
    if (!visit(static_cast<int>(fd))) break;
  }
  closedir(dir);
}

}  // namespace

bool drop_connection(int local_port, int remote_port) {
  bool dropped = false;
  for_each_descriptor([&](int fd) {
    if (!is_connection(fd, local_port, remote_port)) return true;
    dropped = shutdown(fd, SHUT_RDWR) == 0;
    return false;
  });
  return dropped;
}

int drop_all_connections(int local_port) {
  int dropped = 0;
  for_each_descriptor([&](int fd) {
    if (is_connection(fd, local_port, -1) && shutdown(fd, SHUT_RDWR) == 0) ++dropped;
    return true;
  });
  return dropped;
}

}  // namespace iiv::emulator
