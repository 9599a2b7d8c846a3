#pragma once
// A test's own end of one TCP connection over loopback, with raw POSIX sockets: it sends
// exactly the bytes it is given (malformed ones included) and reads answers as they come,
// so tests can see what a real client sees — an answer, an interim 100, a close, a reset.
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace iiv::common::testing {

struct RawAnswer {
  int status = 0;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;

  std::string header(const std::string& lowercase_name) const {
    const auto it = headers.find(lowercase_name);
    return it == headers.end() ? std::string() : it->second;
  }
  bool has_header(const std::string& lowercase_name) const { return headers.count(lowercase_name) != 0; }
  // The JSON error's code, or "" when the body is not {"error":{"code":…}}.
  std::string error_code() const;
};

class RawConnection {
 public:
  // Connects to 127.0.0.1:port from `from` (any 127.0.0.0/8 address). Throws on failure.
  RawConnection(int port, const std::string& from = "127.0.0.1");
  ~RawConnection();
  RawConnection(RawConnection&& other) noexcept;
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;
  RawConnection& operator=(RawConnection&&) = delete;

  // All of `bytes`; false when the server closed or reset the connection first.
  bool send(std::string_view bytes);
  // One answer (head, then Content-Length bytes of body unless `to_head` or a status
  // without body); none when the timeout passes or the connection ends first.
  std::optional<RawAnswer> read_answer(std::chrono::milliseconds timeout, bool to_head = false);
  // True when the server closes (or resets) the connection within `timeout`; bytes that
  // arrive meanwhile are kept in unread().
  bool closed_within(std::chrono::milliseconds timeout);
  const std::string& unread() const { return buffer_; }
  int fd() const { return fd_; }

 private:
  // Reads what is there into buffer_, waiting up to `timeout`: false on timeout, close or reset.
  bool fill(std::chrono::steady_clock::time_point deadline);

  int fd_ = -1;
  bool ended_ = false;
  std::string buffer_;
};

// The process's resident set size, in bytes.
std::size_t resident_bytes();

}  // namespace iiv::common::testing
