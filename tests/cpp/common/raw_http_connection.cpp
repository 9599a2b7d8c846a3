#include "raw_http_connection.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>

namespace iiv::common::testing {

namespace {

sockaddr_in loopback(const std::string& address, int port) {
  sockaddr_in out{};
  out.sin_family = AF_INET;
  out.sin_port = htons(static_cast<std::uint16_t>(port));
  if (inet_pton(AF_INET, address.c_str(), &out.sin_addr) != 1)
    throw std::invalid_argument("not an IPv4 address: " + address);
  return out;
}

std::string lowercase(std::string text) {
  for (char& c : text)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return text;
}

}  // namespace

std::string RawAnswer::error_code() const {
  const auto doc = nlohmann::json::parse(body, nullptr, false);
  if (!doc.is_object() || !doc.contains("error") || !doc["error"].is_object()) return {};
  return doc["error"].value("code", std::string());
}

RawConnection::RawConnection(int port, const std::string& from) {
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
  const sockaddr_in source = loopback(from, 0);
  const sockaddr_in target = loopback("127.0.0.1", port);
  const int one = 1;
  ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
  if (::bind(fd_, reinterpret_cast<const sockaddr*>(&source), sizeof(source)) != 0 ||
      ::connect(fd_, reinterpret_cast<const sockaddr*>(&target), sizeof(target)) != 0) {
    const std::string error = std::strerror(errno);
    ::close(fd_);
    throw std::runtime_error("connect from " + from + ": " + error);
  }
}

RawConnection::~RawConnection() {
  if (fd_ >= 0) ::close(fd_);
}

RawConnection::RawConnection(RawConnection&& other) noexcept
    : fd_(other.fd_), ended_(other.ended_), buffer_(std::move(other.buffer_)) {
  other.fd_ = -1;
}

bool RawConnection::send(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

bool RawConnection::fill(std::chrono::steady_clock::time_point deadline) {
  if (ended_) return false;
  for (;;) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() < 0) return false;
    pollfd wait{fd_, POLLIN, 0};
    const int ready = ::poll(&wait, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return false;
    char chunk[16 * 1024];
    const ssize_t n = ::recv(fd_, chunk, sizeof(chunk), 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ended_ = true;
      return false;
    }
    buffer_.append(chunk, static_cast<std::size_t>(n));
    return true;
  }
}

std::optional<RawAnswer> RawConnection::read_answer(std::chrono::milliseconds timeout, bool to_head) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::size_t head_end;
  while ((head_end = buffer_.find("\r\n\r\n")) == std::string::npos)
    if (!fill(deadline)) return std::nullopt;
  const std::string head = buffer_.substr(0, head_end);
  RawAnswer answer;
  // "HTTP/1.1 200 OK"
  const auto first_space = head.find(' ');
  if (first_space == std::string::npos) return std::nullopt;
  answer.status = std::atoi(head.c_str() + first_space + 1);
  std::size_t line_start = head.find("\r\n");
  while (line_start != std::string::npos && line_start < head.size()) {
    line_start += 2;
    const auto line_end = std::min(head.find("\r\n", line_start), head.size());
    const std::string line = head.substr(line_start, line_end - line_start);
    const auto colon = line.find(':');
    if (colon != std::string::npos) {
      std::string value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.erase(0, 1);
      answer.headers[lowercase(line.substr(0, colon))] = value;
    }
    line_start = line_end == head.size() ? std::string::npos : line_end;
  }
  buffer_.erase(0, head_end + 4);
  const bool bodiless = to_head || answer.status / 100 == 1 || answer.status == 204 || answer.status == 304;
  const std::size_t length =
      bodiless ? 0 : std::stoul(answer.header("content-length").empty() ? "0" : answer.header("content-length"));
  while (buffer_.size() < length)
    if (!fill(deadline)) return std::nullopt;
  answer.body = buffer_.substr(0, length);
  buffer_.erase(0, length);
  return answer;
}

bool RawConnection::closed_within(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (fill(deadline)) {
  }
  return ended_;
}

std::size_t resident_bytes() {
  std::ifstream statm("/proc/self/statm");
  std::size_t pages_total = 0, pages_resident = 0;
  statm >> pages_total >> pages_resident;
  return pages_resident * static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
}

}  // namespace iiv::common::testing
