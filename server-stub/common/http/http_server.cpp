// The only file that sees Boost.Beast and Asio: everything else works on HttpRequest and
// HttpResponse, so Beast's templates are compiled once.
//
// A connection is a small state machine on its own strand:
//   await_request ─(readable)→ read_head ─(checks)→ [100 Continue] → read_body → worker pool
//        ↑                                                                           │
//        └──────────────── send (keep-alive) ←──────────── answer on the strand ─────┘
// Each waiting step runs under a deadline (idle, head, body, write); a refusal is answered
// with Connection: close and then a lingering close. No thread ever waits for a client.
#include "common/http/http_server.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <limits>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/span_body.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <nlohmann/json.hpp>

namespace iiv::common {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using boost::system::error_code;

namespace {

// After a refusal the socket is not closed at once: closing with unread bytes makes the
// kernel send a reset, which can destroy the answer before the client has read it. What the
// client still sends is read and dropped, up to this much and for this long.
constexpr std::size_t kLingerBytes = 64 * 1024;
constexpr std::chrono::milliseconds kLingerTime{1000};
// Accepting fails while the process is out of descriptors (EMFILE); the loop pauses this long.
constexpr std::chrono::milliseconds kAcceptBackoff{50};
// Connections over a cap are answered and closed; at most this many at a time, beyond which
// they are closed unanswered (an answer must not cost more than the connection it refuses).
constexpr std::size_t kMaxRefusingConnections = 256;
// The read buffer holds a head of max_header_bytes plus the first bytes of what follows.
constexpr std::size_t kReadSlack = 4 * 1024;

using Parser = http::request_parser<http::string_body>;
using WireResponse = http::response<http::span_body<const char>>;

bool is_http_error(const error_code& ec) {
  return ec.category() == http::make_error_code(http::error::end_of_stream).category();
}

bool out_of_descriptors(const error_code& ec) {
  const int value = ec.value();
  return ec.category() == boost::system::system_category() &&
         (value == EMFILE || value == ENFILE || value == ENOBUFS || value == ENOMEM);
}

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return ascii_lower(x) == ascii_lower(y); });
}

std::string_view view(beast::string_view text) { return {text.data(), text.size()}; }

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A header value we would send must not split the answer (CR, LF) or be cut short (NUL).
bool safe_header_text(std::string_view text) { return text.find_first_of(std::string_view("\r\n\0", 3)) == text.npos; }

// Beast sets these from the message; an application's own would contradict the framing.
bool is_framing_header(std::string_view name) {
  return equal_ignoring_case(name, "content-length") || equal_ignoring_case(name, "transfer-encoding") ||
         equal_ignoring_case(name, "connection");
}

bool status_without_body(int status) { return status / 100 == 1 || status == 204 || status == 304; }

// What the head says that Beast let through: RFC 9112's framing rules, header shadowing,
// field count, target length and Host. The order puts framing (smuggling) first.
std::optional<HttpRefusal> check_head(const Parser& parser, const ServerLimits& limits) {
  const auto& head = parser.get();
  if (head.target().size() > limits.max_target_bytes) return HttpRefusal::target_too_long;
  std::size_t fields = 0, content_lengths = 0, transfer_encodings = 0;
  bool malformed_length = false, only_chunked = true, duplicate = false, host = false;
  std::set<std::string> names;
  for (const auto& field : head) {
    ++fields;
    const std::string_view value = view(field.value());
    if (!names.insert(ascii_lowercase(view(field.name_string()))).second) duplicate = true;
    if (field.name() == http::field::content_length) {
      ++content_lengths;
      malformed_length = malformed_length || !all_digits(value);
    } else if (field.name() == http::field::transfer_encoding) {
      ++transfer_encodings;
      only_chunked = only_chunked && equal_ignoring_case(value, "chunked");
    } else if (field.name() == http::field::host) {
      host = true;
    }
  }
  if (fields > limits.max_header_fields) return HttpRefusal::too_many_headers;
  if (content_lengths > 1 || malformed_length) return HttpRefusal::bad_framing;
  if (transfer_encodings > 0 && !(transfer_encodings == 1 && only_chunked))
    return HttpRefusal::unsupported_transfer_encoding;
  if (content_lengths > 0 && transfer_encodings > 0) return HttpRefusal::bad_framing;
  if (duplicate) return HttpRefusal::duplicate_header;
  if (head.version() != 10 && head.version() != 11) return HttpRefusal::malformed_request;
  if (head.version() == 11 && !host) return HttpRefusal::missing_host;
  return std::nullopt;
}

// How a Beast parse error is answered (header_limit and buffer_overflow are decided by the caller).
HttpRefusal refusal_for_parse_error(const error_code& ec) {
  if (ec == http::error::body_limit) return HttpRefusal::body_too_large;
  if (ec == http::error::bad_content_length || ec == http::error::multiple_content_length ||
      ec == http::error::bad_transfer_encoding)
    return HttpRefusal::bad_framing;
  return HttpRefusal::malformed_request;
}

// 0.0.0.0 and ::ffff:a.b.c.d count as the same address for the per-address cap.
std::string address_text(const asio::ip::address& address) {
  if (address.is_v6() && address.to_v6().is_v4_mapped())
    return asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6()).to_string();
  return address.to_string();
}

// Raises the soft descriptor limit to the hard one and returns the soft limit then in force.
std::size_t raise_descriptor_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return 1024;
  if (limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur < limit.rlim_max) {
    rlimit raised = limit;
    raised.rlim_cur = limit.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
  }
  if (limit.rlim_cur == RLIM_INFINITY) return std::numeric_limits<std::size_t>::max() / 2;
  return static_cast<std::size_t>(limit.rlim_cur);
}

// max_connections, lowered so that the connections, the refusals in flight and everything
// else the process opens (logs, connections to Stripe, the listening socket) stay under the
// descriptor limit.
std::size_t connection_cap(std::size_t configured, std::size_t descriptors) {
  const std::size_t reserve = 64 + descriptors / 8 + kMaxRefusingConnections;
  return descriptors > reserve + 1 ? std::min(configured, descriptors - reserve) : 1;
}

tcp::endpoint listen_endpoint(asio::io_context& io, std::string host, int port) {
  const std::string where = host + ":" + std::to_string(port);
  if (port < 0 || port > 65535) throw std::runtime_error("cannot listen on " + where + ": not a port");
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  error_code ec;
  const auto address = asio::ip::make_address(host, ec);
  if (!ec) return {address, static_cast<unsigned short>(port)};
  tcp::resolver resolver(io);
  const auto results = resolver.resolve(host, std::to_string(port), ec);
  if (ec || results.empty()) throw std::runtime_error("cannot listen on " + where + ": unknown host");
  return results.begin()->endpoint();
}

}  // namespace

HttpResponse default_refusal_answer(HttpRefusal refusal) {
  HttpResponse answer;
  answer.status = refusal_status(refusal);
  answer.set_header("Content-Type", "application/json");
  const nlohmann::json error{{"code", refusal_code(refusal)}, {"message", refusal_message(refusal)}};
  answer.body = nlohmann::json{{"error", error}}.dump();
  answer.connection = HttpResponse::Connection::close;
  return answer;
}

namespace {

class Connection;

// What the server shares with its connections (HttpServer::Impl is this).
struct ServerState {
  explicit ServerState(HttpServerOptions opts) : options(std::move(opts)) {
    options.io_threads = std::max(1, options.io_threads);
    options.worker_threads = std::max(1, options.worker_threads);
  }

  // Which count a connection holds until it closes.
  enum class Admission { served, refusing };

  void accept();
  void on_accept(const error_code& ec, tcp::socket socket);
  void admit(tcp::socket socket);
  void release(Admission admission, const std::string& peer, Connection* connection);

  // A request enters the bounded queue (false: it is full) and leaves it when answered.
  bool enter_handler() {
    if (queued.fetch_add(1) >= options.limits.max_queued_requests) {
      queued.fetch_sub(1);
      return false;
    }
    return true;
  }
  void leave_handler() { queued.fetch_sub(1); }

  void count(HttpRefusal refusal) { stats.refusals[static_cast<std::size_t>(refusal)].fetch_add(1); }

  HttpResponse refusal_answer(HttpRefusal refusal) const {
    if (options.refusal_answer) {
      try {
        return options.refusal_answer(refusal);
      } catch (...) {
        // Fall through to the default: a refusal is answered whatever the renderer does.
      }
    }
    return default_refusal_answer(refusal);
  }

  HttpServerOptions options;
  HttpServerStats stats;
  std::size_t max_connections = 0;  // options.limits.max_connections under the descriptor limit
  std::atomic<std::size_t> queued{0};
  std::atomic<bool> stopping{false};

  std::optional<asio::io_context> io;  // reset by stop(), which destroys every connection left
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> keep_running;
  std::optional<tcp::acceptor> acceptor;
  std::optional<asio::steady_timer> accept_backoff;
  std::optional<asio::thread_pool> workers;
  std::vector<std::thread> io_threads;
  int bound_port = 0;
  bool started = false;
  std::mutex lifecycle_mutex;  // start() and stop()

  std::mutex connections_mutex;  // guards the counts and the registry below
  std::size_t served = 0;
  std::size_t refusing = 0;
  std::unordered_map<std::string, std::size_t> per_address;
  std::unordered_map<Connection*, std::weak_ptr<Connection>> live;
};

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(ServerState& server, tcp::socket socket, std::string peer, int peer_port, int local_port,
             ServerState::Admission admission)
      : server_(server),
        socket_(std::move(socket)),
        timer_(socket_.get_executor()),
        buffer_(server.options.limits.max_header_bytes + kReadSlack),
        peer_(std::move(peer)),
        peer_port_(peer_port),
        local_port_(local_port),
        admission_(admission) {
    server_.stats.connections_open.fetch_add(1);
  }

  ~Connection() {
    server_.stats.connections_open.fetch_sub(1);
    server_.release(admission_, peer_, this);
  }

  void serve() {
    asio::dispatch(socket_.get_executor(), [self = shared_from_this()] { self->await_request(); });
  }

  void refuse_connection(HttpRefusal refusal) {
    asio::dispatch(socket_.get_executor(), [self = shared_from_this(), refusal] { self->refuse(refusal); });
  }

  // On the connection's strand, or from stop() once no I/O thread runs.
  void close_socket() {
    clear_deadline();
    error_code ignored;
    socket_.close(ignored);
  }

 private:
  const ServerLimits& limits() const { return server_.options.limits; }

  // The deadline of the step under way: when it passes, the step's pending operation is
  // cancelled and its handler sees deadline_passed_.
  void set_deadline(std::chrono::milliseconds after) {
    deadline_passed_ = false;
    const std::uint64_t id = ++deadline_id_;
    timer_.expires_after(after);
    timer_.async_wait([self = shared_from_this(), id](const error_code& ec) {
      if (ec || id != self->deadline_id_) return;
      self->deadline_passed_ = true;
      error_code ignored;
      self->socket_.cancel(ignored);
    });
  }

  void clear_deadline() {
    ++deadline_id_;
    timer_.cancel();
  }

  void await_request() {
    if (server_.stopping) return close_socket();
    parser_.reset();
    request_ = HttpRequest{};
    version_ = 11;
    keep_alive_ = false;
    head_request_ = false;
    if (buffer_.size() > 0) return read_head();  // a pipelined request is already here
    buffer_.shrink_to_fit();                     // an idle connection keeps no buffer
    // A new connection has said nothing yet: it gets no longer than a head would. Only a
    // client that was answered may wait, kept alive, for its next request.
    set_deadline(answered_ ? limits().idle_timeout : limits().head_timeout);
    socket_.async_wait(tcp::socket::wait_read, [self = shared_from_this()](const error_code& ec) {
      self->clear_deadline();
      if (ec) return self->close_socket();  // idle too long, or gone: nothing to answer
      self->read_head();
    });
  }

  void read_head() {
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(
        std::min<std::size_t>(limits().max_header_bytes, std::numeric_limits<std::uint32_t>::max())));
    parser_->body_limit(static_cast<std::uint64_t>(limits().max_body_bytes));
    set_deadline(limits().head_timeout);
    http::async_read_header(
        socket_, buffer_, *parser_,
        [self = shared_from_this()](const error_code& ec, std::size_t head_bytes) { self->on_head(ec, head_bytes); });
  }

  void on_head(const error_code& ec, std::size_t head_bytes) {
    clear_deadline();
    if (ec && deadline_passed_) return refuse(HttpRefusal::request_timeout);
    if (ec == http::error::header_limit || ec == http::error::buffer_overflow) return refuse(head_overflow());
    if (ec) return on_read_error(ec);
    const auto& head = parser_->get();
    version_ = head.version();
    keep_alive_ = parser_->keep_alive();
    head_request_ = head.method() == http::verb::head;
    if (const auto refusal = check_head(*parser_, limits())) return refuse(*refusal);
    // Beast limits the request line and the fields each to header_limit; ours is for both.
    if (head_bytes > limits().max_header_bytes) return refuse(HttpRefusal::header_too_large);

    request_.method = std::string(view(head.method_string()));
    request_.target = std::string(view(head.target()));
    for (const auto& field : head)
      request_.headers.emplace(ascii_lowercase(view(field.name_string())), std::string(view(field.value())));
    request_.peer_address = peer_;
    request_.peer_port = peer_port_;
    request_.local_port = local_port_;

    if (parser_->is_done()) return dispatch();
    if (version_ == 11 && equal_ignoring_case(view(head[http::field::expect]), "100-continue")) return send_continue();
    read_body();
  }

  // Over header_limit: 414 when it is the target that is too long, 431 otherwise. When the
  // request line itself did not end within the limit, Beast parsed nothing and left what
  // arrived in the buffer: the line, at least, is too long.
  HttpRefusal head_overflow() const {
    const auto target = parser_->get().target();
    if (!target.empty())
      return target.size() > limits().max_target_bytes ? HttpRefusal::target_too_long : HttpRefusal::header_too_large;
    const auto data = buffer_.data();
    const std::string_view received(static_cast<const char*>(data.data()),
                                    std::min(data.size(), limits().max_header_bytes));
    return received.find("\r\n") == received.npos ? HttpRefusal::target_too_long : HttpRefusal::header_too_large;
  }

  void on_read_error(const error_code& ec) {
    // The client left (EOF before a request, half a request, a reset): no one to answer.
    if (!is_http_error(ec) || ec == http::error::end_of_stream || ec == http::error::partial_message)
      return close_socket();
    refuse(refusal_for_parse_error(ec));
  }

  // Expect: 100-continue, answered only now that the head passed every check.
  void send_continue() {
    interim_.emplace(http::status::continue_, 11);
    set_deadline(limits().write_timeout);
    http::async_write(socket_, *interim_, [self = shared_from_this()](const error_code& ec, std::size_t) {
      self->clear_deadline();
      self->interim_.reset();
      if (ec) return self->close_socket();
      self->read_body();
    });
  }

  void read_body() {
    set_deadline(limits().body_timeout);
    http::async_read(socket_, buffer_, *parser_,
                     [self = shared_from_this()](const error_code& ec, std::size_t) { self->on_body(ec); });
  }

  void on_body(const error_code& ec) {
    clear_deadline();
    if (ec && deadline_passed_) return refuse(HttpRefusal::request_timeout);
    if (ec == http::error::buffer_overflow) return refuse(HttpRefusal::malformed_request);  // a huge chunk line
    if (ec) return on_read_error(ec);
    request_.body = std::move(parser_->get().body());
    dispatch();
  }

  void dispatch() {
    parser_.reset();
    if (!server_.enter_handler()) return refuse(HttpRefusal::server_busy);
    server_.stats.requests_handled.fetch_add(1);
    asio::post(*server_.workers, [self = shared_from_this(), request = std::move(request_)]() mutable {
      self->run_handler(std::move(request));
    });
  }

  // On a worker thread.
  void run_handler(HttpRequest request) {
    std::optional<HttpResponse> answer;
    try {
      answer = server_.options.handler(request);
    } catch (...) {
      // Answered 500 internal_error below; nothing of the exception leaves the process.
    }
    if (answer && server_.options.on_answered) {
      try {
        server_.options.on_answered(request, *answer);
      } catch (...) {
        // A failing request log must not cost the client its answer.
      }
    }
    server_.leave_handler();
    asio::post(socket_.get_executor(), [self = shared_from_this(), answer = std::move(answer)]() mutable {
      if (!answer) return self->refuse(HttpRefusal::internal_error);
      self->send(std::move(*answer), false);
    });
  }

  void refuse(HttpRefusal refusal) {
    server_.count(refusal);
    HttpResponse answer = server_.refusal_answer(refusal);
    const bool retry_later = refusal == HttpRefusal::too_many_connections ||
                             refusal == HttpRefusal::too_many_connections_from_address ||
                             refusal == HttpRefusal::server_busy;
    if (retry_later && answer.header("Retry-After").empty()) answer.set_header("Retry-After", "1");
    send(std::move(answer), true);
  }

  void send(HttpResponse answer, bool refused) {
    if (answer.connection == HttpResponse::Connection::drop) return close_socket();
    if (answer.status < 100 || answer.status > 999) {
      if (refused) return close_socket();
      return refuse(HttpRefusal::internal_error);
    }
    answer_ = std::move(answer);
    const bool keep =
        !refused && keep_alive_ && answer_.connection == HttpResponse::Connection::keep_alive && !server_.stopping;
    wire_.emplace();
    WireResponse& wire = *wire_;
    wire.version(version_ == 10 ? 10 : 11);
    wire.result(static_cast<unsigned>(answer_.status));
    for (const auto& [name, value] : answer_.headers) {
      if (is_framing_header(name) || !safe_header_text(name) || !safe_header_text(value) || name.empty()) continue;
      wire.insert(name, value);
    }
    for (const auto& [name, value] : security_headers())
      if (wire.find(name) == wire.end()) wire.set(name, value);
    if (!status_without_body(answer_.status)) {
      wire.set(http::field::content_length, std::to_string(answer_.body_size()));
      if (!head_request_) {
        const char* data = answer_.shared_body ? answer_.shared_body->data : answer_.body.data();
        wire.body() = beast::span<const char>(data, answer_.body_size());
      }
    }
    wire.keep_alive(keep);
    set_deadline(limits().write_timeout);
    http::async_write(socket_, wire, [self = shared_from_this(), keep](const error_code& ec, std::size_t) {
      self->clear_deadline();
      self->wire_.reset();
      self->answer_ = HttpResponse{};
      if (ec) return self->close_socket();  // includes the write deadline: drop the connection
      self->answered_ = true;
      if (keep) return self->await_request();
      self->close_gracefully();
    });
  }

  void close_gracefully() {
    error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_send, ignored);
    linger_buffer_ = std::make_unique<std::array<char, 4096>>();
    lingered_ = 0;
    set_deadline(kLingerTime);
    linger();
  }

  void linger() {
    socket_.async_read_some(asio::buffer(*linger_buffer_),
                            [self = shared_from_this()](const error_code& ec, std::size_t n) {
                              self->lingered_ += n;
                              if (ec || self->lingered_ >= kLingerBytes) return self->close_socket();
                              self->linger();
                            });
  }

  ServerState& server_;
  tcp::socket socket_;
  asio::steady_timer timer_;
  beast::flat_buffer buffer_;
  std::optional<Parser> parser_;
  HttpRequest request_;
  HttpResponse answer_;  // owns the bytes wire_ points at until they are written
  std::optional<WireResponse> wire_;
  std::optional<http::response<http::empty_body>> interim_;
  std::unique_ptr<std::array<char, 4096>> linger_buffer_;
  std::size_t lingered_ = 0;
  const std::string peer_;
  const int peer_port_;
  const int local_port_;
  const ServerState::Admission admission_;
  std::uint64_t deadline_id_ = 0;
  bool deadline_passed_ = false;
  unsigned version_ = 11;
  bool keep_alive_ = false;
  bool head_request_ = false;
  bool answered_ = false;  // a request of this connection was answered
};

void ServerState::accept() {
  acceptor->async_accept(asio::make_strand(*io),
                         [this](const error_code& ec, tcp::socket socket) { on_accept(ec, std::move(socket)); });
}

void ServerState::on_accept(const error_code& ec, tcp::socket socket) {
  if (stopping || ec == asio::error::operation_aborted) return;
  if (ec) {
    if (!out_of_descriptors(ec)) return accept();  // e.g. the client reset before we accepted
    // The connection waits in the backlog; trying again at once would spin.
    accept_backoff->expires_after(kAcceptBackoff);
    accept_backoff->async_wait([this](const error_code& wait_error) {
      if (!wait_error && !stopping) accept();
    });
    return;
  }
  stats.connections_accepted.fetch_add(1);
  admit(std::move(socket));
  accept();
}

void ServerState::admit(tcp::socket socket) {
  error_code ec;
  const tcp::endpoint remote = socket.remote_endpoint(ec);
  if (ec) return;  // already gone; the socket closes here
  const tcp::endpoint local = socket.local_endpoint(ec);
  if (ec) return;
  // Head and body leave in one write, but a 100 Continue and small answers must not wait
  // for Nagle's algorithm and a delayed ACK.
  socket.set_option(tcp::no_delay(true), ec);
  const std::string peer = address_text(remote.address());

  std::optional<HttpRefusal> refusal;
  Admission admission = Admission::served;
  {
    std::lock_guard<std::mutex> lock(connections_mutex);
    const auto from_peer = per_address.find(peer);
    if (served >= max_connections)
      refusal = HttpRefusal::too_many_connections;
    else if (from_peer != per_address.end() && from_peer->second >= options.limits.max_connections_per_address)
      refusal = HttpRefusal::too_many_connections_from_address;
    if (!refusal) {
      ++served;
      ++per_address[peer];
    } else if (refusing < kMaxRefusingConnections) {
      ++refusing;
      admission = Admission::refusing;
    } else {
      count(*refusal);
      return;  // closed unanswered
    }
  }
  auto connection =
      std::make_shared<Connection>(*this, std::move(socket), peer, remote.port(), local.port(), admission);
  {
    std::lock_guard<std::mutex> lock(connections_mutex);
    live.emplace(connection.get(), connection);
  }
  if (refusal)
    connection->refuse_connection(*refusal);
  else
    connection->serve();
}

void ServerState::release(Admission admission, const std::string& peer, Connection* connection) {
  std::lock_guard<std::mutex> lock(connections_mutex);
  live.erase(connection);
  if (admission == Admission::refusing) {
    --refusing;
    return;
  }
  --served;
  const auto it = per_address.find(peer);
  if (it != per_address.end() && --it->second == 0) per_address.erase(it);
}

}  // namespace

struct HttpServer::Impl : ServerState {
  using ServerState::ServerState;
};

HttpServer::HttpServer(HttpServerOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}

HttpServer::~HttpServer() { stop(); }

void HttpServer::start() {
  Impl& d = *impl_;
  std::lock_guard<std::mutex> lifecycle(d.lifecycle_mutex);
  if (d.started) return;
  if (d.stopping) throw std::logic_error("an HttpServer cannot be started again after stop()");
  d.max_connections = connection_cap(d.options.limits.max_connections, raise_descriptor_limit());

  d.io.emplace(d.options.io_threads);
  d.acceptor.emplace(*d.io);
  const tcp::endpoint endpoint = listen_endpoint(*d.io, d.options.host, d.options.port);
  const auto fail = [&](const error_code& ec) {
    d.acceptor.reset();
    d.io.reset();
    throw std::runtime_error("cannot listen on " + d.options.host + ":" + std::to_string(d.options.port) + ": " +
                             ec.message());
  };
  error_code ec;
  d.acceptor->open(endpoint.protocol(), ec);
  if (ec) fail(ec);
  d.acceptor->set_option(asio::socket_base::reuse_address(true), ec);
  d.acceptor->bind(endpoint, ec);
  if (ec) fail(ec);
  d.acceptor->listen(asio::socket_base::max_listen_connections, ec);
  if (ec) fail(ec);
  d.bound_port = d.acceptor->local_endpoint().port();

  d.accept_backoff.emplace(*d.io);
  d.keep_running.emplace(d.io->get_executor());
  d.workers.emplace(static_cast<std::size_t>(d.options.worker_threads));
  d.accept();
  for (int i = 0; i < d.options.io_threads; ++i)
    d.io_threads.emplace_back([&d] {
      for (;;) {
        try {
          d.io->run();
          return;
        } catch (...) {
          // A handler threw (out of memory, at worst): that connection is lost, the server is not.
        }
      }
    });
  d.started = true;
}

void HttpServer::stop() {
  if (!impl_) return;
  Impl& d = *impl_;
  std::lock_guard<std::mutex> lifecycle(d.lifecycle_mutex);
  if (!d.started) return;
  d.stopping = true;
  d.keep_running.reset();
  d.io->stop();
  for (auto& thread : d.io_threads) thread.join();
  d.io_threads.clear();

  // No I/O thread runs now: close the listening socket and every connection from here, so
  // clients see their connections end while the handlers still running finish.
  error_code ignored;
  d.acceptor->close(ignored);
  std::vector<std::shared_ptr<Connection>> open;
  {
    std::lock_guard<std::mutex> lock(d.connections_mutex);
    for (const auto& [raw, weak] : d.live)
      if (auto connection = weak.lock()) open.push_back(std::move(connection));
  }
  for (const auto& connection : open) connection->close_socket();
  open.clear();

  d.workers->stop();  // handlers not yet begun are dropped; running ones finish
  d.workers->join();
  d.workers.reset();
  d.accept_backoff.reset();
  d.acceptor.reset();
  d.io.reset();  // destroys the connections its pending operations still held
  d.started = false;
}

int HttpServer::port() const { return impl_->bound_port; }

const HttpServerStats& HttpServer::stats() const { return impl_->stats; }

}  // namespace iiv::common
