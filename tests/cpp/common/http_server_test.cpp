// The shared HTTP front door over real loopback sockets, driven by raw bytes (malformed ones
// included) from raw POSIX sockets. Small limits and short deadlines keep the suite fast.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <future>
#include <iostream>
#include <thread>

#include <gtest/gtest.h>

#include "common/http/http_server.hpp"
#include "raw_http_connection.hpp"

namespace iiv::common {
namespace {

using namespace std::chrono_literals;
using testing::RawAnswer;
using testing::RawConnection;
using Clock = std::chrono::steady_clock;

ServerLimits small_limits() {
  ServerLimits limits;
  limits.max_header_bytes = 1024;
  limits.max_header_fields = 20;
  limits.max_target_bytes = 256;
  limits.max_body_bytes = 1024;
  limits.head_timeout = 300ms;
  limits.body_timeout = 300ms;
  limits.idle_timeout = 500ms;
  limits.write_timeout = 500ms;
  limits.max_connections = 64;
  limits.max_connections_per_address = 32;
  limits.max_queued_requests = 16;
  return limits;
}

// "<method> <target> <body>", and the peer's address in X-Peer.
HttpResponse echo(const HttpRequest& request) {
  HttpResponse answer;
  answer.set_header("Content-Type", "text/plain");
  answer.set_header("X-Peer", request.peer_address);
  answer.body = request.method + " " + request.target + " " + request.body;
  return answer;
}

// An answer whose body is `bytes`, shared rather than copied (as the files host sends images).
HttpResponse answer_sharing(const std::shared_ptr<std::string>& bytes) {
  HttpResponse answer;
  auto shared = std::make_shared<SharedBody>();
  shared->owner = bytes;
  shared->data = bytes->data();
  shared->size = bytes->size();
  answer.shared_body = shared;
  return answer;
}

HttpServerOptions test_options(std::function<HttpResponse(const HttpRequest&)> handler = echo,
                               ServerLimits limits = small_limits()) {
  HttpServerOptions options;
  options.limits = limits;
  options.handler = std::move(handler);
  options.io_threads = 1;
  options.worker_threads = 2;
  return options;
}

class RunningServer {
 public:
  explicit RunningServer(HttpServerOptions options = test_options()) : server_(std::move(options)) { server_.start(); }

  RawConnection connect(const std::string& from = "127.0.0.1") { return RawConnection(server_.port(), from); }
  HttpServer& server() { return server_; }
  const HttpServerStats& stats() { return server_.stats(); }

  // Accepting is asynchronous: waits until the server holds `count` connections.
  bool wait_for_open_connections(std::int64_t count, std::chrono::milliseconds timeout = 5s) {
    const auto deadline = Clock::now() + timeout;
    while (stats().connections_open.load() != count) {
      if (Clock::now() > deadline) return false;
      std::this_thread::sleep_for(2ms);
    }
    return true;
  }

 private:
  HttpServer server_;
};

std::string get(const std::string& target = "/", const std::string& extra_headers = "") {
  return "GET " + target + " HTTP/1.1\r\nHost: test\r\n" + extra_headers + "\r\n";
}

std::string post(const std::string& target, const std::string& body) {
  return "POST " + target + " HTTP/1.1\r\nHost: test\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" +
         body;
}

// A refusal as every one must look: its status and JSON code, no-store, Connection: close,
// a Content-Length that matches, and the connection closed afterwards.
void expect_refusal(RawConnection& connection, HttpRefusal refusal, std::chrono::milliseconds timeout = 3s) {
  const auto answer = connection.read_answer(timeout);
  ASSERT_TRUE(answer) << "no answer; expected " << refusal_code(refusal);
  EXPECT_EQ(answer->status, refusal_status(refusal)) << answer->body;
  EXPECT_EQ(answer->error_code(), refusal_code(refusal)) << answer->body;
  EXPECT_EQ(answer->header("content-type"), "application/json");
  EXPECT_EQ(answer->header("cache-control"), "no-store");
  EXPECT_EQ(answer->header("x-content-type-options"), "nosniff");
  EXPECT_EQ(answer->header("referrer-policy"), "no-referrer");
  EXPECT_EQ(answer->header("connection"), "close");
  EXPECT_EQ(answer->header("content-length"), std::to_string(answer->body.size()));
  EXPECT_TRUE(connection.closed_within(3s)) << "the connection stayed open after " << refusal_code(refusal);
  EXPECT_TRUE(connection.unread().empty()) << connection.unread();
}

std::string repeat(char c, std::size_t n) { return std::string(n, c); }

// ---- Answers ----

TEST(HttpServer, AnswersWithSecurityHeadersContentLengthAndTheRequestAsSent) {
  RunningServer s;
  auto c = s.connect();
  ASSERT_TRUE(c.send(get("/v1/x?expand[]=y", "X-Custom: Value\r\n")));
  const auto answer = c.read_answer(2s);
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 200);
  EXPECT_EQ(answer->body, "GET /v1/x?expand[]=y ");
  EXPECT_EQ(answer->header("content-length"), std::to_string(answer->body.size()));
  EXPECT_EQ(answer->header("cache-control"), "no-store");
  EXPECT_EQ(answer->header("referrer-policy"), "no-referrer");
  EXPECT_EQ(answer->header("x-content-type-options"), "nosniff");
  EXPECT_EQ(answer->header("x-peer"), "127.0.0.1");
  EXPECT_FALSE(answer->has_header("connection")) << "HTTP/1.1 keeps the connection by default";
  EXPECT_EQ(s.stats().requests_handled.load(), 1u);
}

TEST(HttpServer, HandlerSeesLowercasedHeadersPeerAndPorts) {
  HttpRequest seen;
  std::mutex mutex;
  RunningServer s(test_options([&](const HttpRequest& request) {
    std::lock_guard<std::mutex> lock(mutex);
    seen = request;
    return HttpResponse{};
  }));
  auto c = s.connect();
  ASSERT_TRUE(c.send(get("/p?q=1", "X-Mixed-Case: Some Value\r\n")));
  ASSERT_TRUE(c.read_answer(2s));
  std::lock_guard<std::mutex> lock(mutex);
  EXPECT_EQ(seen.method, "GET");
  EXPECT_EQ(seen.path(), "/p");
  EXPECT_EQ(seen.query(), "q=1");
  EXPECT_EQ(seen.header("X-MIXED-CASE"), "Some Value");
  EXPECT_TRUE(seen.headers.count("x-mixed-case"));
  EXPECT_EQ(seen.peer_address, "127.0.0.1");
  EXPECT_GT(seen.peer_port, 0);
  EXPECT_EQ(seen.local_port, s.server().port());
}

TEST(HttpServer, ApplicationHeadersWinOverTheDefaultsButNotOverFraming) {
  RunningServer s(test_options([](const HttpRequest&) {
    HttpResponse answer;
    answer.set_header("Cache-Control", "private, max-age=0, no-store");
    answer.set_header("Content-Length", "999");
    answer.set_header("X-Split", "a\r\nInjected: yes");
    answer.body = "abc";
    return answer;
  }));
  auto c = s.connect();
  ASSERT_TRUE(c.send(get()));
  const auto answer = c.read_answer(2s);
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->header("cache-control"), "private, max-age=0, no-store");
  EXPECT_EQ(answer->header("content-length"), "3");
  EXPECT_FALSE(answer->has_header("x-split")) << "a value with CR LF would split the answer";
  EXPECT_FALSE(answer->has_header("injected"));
}

TEST(HttpServer, KeepAliveServesSeveralRequestsOnOneConnection) {
  RunningServer s;
  auto c = s.connect();
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(c.send(post("/n" + std::to_string(i), "body" + std::to_string(i))));
    const auto answer = c.read_answer(2s);
    ASSERT_TRUE(answer) << i;
    EXPECT_EQ(answer->body, "POST /n" + std::to_string(i) + " body" + std::to_string(i));
  }
  EXPECT_EQ(s.stats().connections_accepted.load(), 1u);
}

TEST(HttpServer, PipelinedRequestsAreAnsweredInOrder) {
  // The first takes longest, so answers in completion order would come out reversed.
  RunningServer s(test_options([](const HttpRequest& request) {
    if (request.target == "/slow") std::this_thread::sleep_for(100ms);
    return echo(request);
  }));
  auto c = s.connect();
  ASSERT_TRUE(c.send(get("/slow") + post("/b", "xy") + get("/c")));
  for (const std::string expected : {"GET /slow ", "POST /b xy", "GET /c "}) {
    const auto answer = c.read_answer(2s);
    ASSERT_TRUE(answer) << expected;
    EXPECT_EQ(answer->body, expected);
  }
}

TEST(HttpServer, Http10ClosesUnlessAskedToKeepAlive) {
  RunningServer s;
  auto plain = s.connect();
  ASSERT_TRUE(plain.send("GET /old HTTP/1.0\r\n\r\n"));
  const auto answer = plain.read_answer(2s);
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 200) << "HTTP/1.0 needs no Host";
  EXPECT_TRUE(plain.closed_within(2s));

  auto kept = s.connect();
  ASSERT_TRUE(kept.send("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
  const auto first = kept.read_answer(2s);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->header("connection"), "keep-alive");
  ASSERT_TRUE(kept.send("GET /b HTTP/1.0\r\n\r\n"));
  const auto second = kept.read_answer(2s);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->body, "GET /b ");
}

TEST(HttpServer, HeadCarriesTheContentLengthButNoBody) {
  RunningServer s(test_options([](const HttpRequest&) {
    HttpResponse answer;
    answer.body = "twelve bytes";
    return answer;
  }));
  auto c = s.connect();
  ASSERT_TRUE(c.send("HEAD / HTTP/1.1\r\nHost: test\r\n\r\n" + get("/after")));
  const auto head = c.read_answer(2s, /*to_head=*/true);
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  EXPECT_EQ(head->header("content-length"), "12");
  // Had the body been sent, the next answer would start with it.
  const auto next = c.read_answer(2s);
  ASSERT_TRUE(next);
  EXPECT_EQ(next->status, 200);
  EXPECT_EQ(next->body, "twelve bytes");
}

TEST(HttpServer, SharedBodyIsSentAndReleasedAfterwards) {
  auto bytes = std::make_shared<std::string>(100'000, 'i');
  std::weak_ptr<std::string> watch = bytes;
  RunningServer s(test_options([bytes](const HttpRequest&) {
    HttpResponse answer = answer_sharing(bytes);
    answer.body = "ignored";
    return answer;
  }));
  auto c = s.connect();
  ASSERT_TRUE(c.send(get()));
  const auto answer = c.read_answer(2s);
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->body, *bytes);
  EXPECT_EQ(answer->header("content-length"), "100000");
}

TEST(HttpServer, NoContentHasNeitherBodyNorLength) {
  RunningServer s(test_options([](const HttpRequest&) {
    HttpResponse answer;
    answer.status = 204;
    return answer;
  }));
  auto c = s.connect();
  ASSERT_TRUE(c.send(get() + get()));
  for (int i = 0; i < 2; ++i) {
    const auto answer = c.read_answer(2s);
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->status, 204);
    EXPECT_FALSE(answer->has_header("content-length"));
    EXPECT_EQ(answer->header("cache-control"), "no-store");
  }
}

TEST(HttpServer, ConnectionCloseAnswersThenCloses) {
  RunningServer s(test_options([](const HttpRequest& request) {
    HttpResponse answer = echo(request);
    answer.connection = HttpResponse::Connection::close;
    return answer;
  }));
  auto c = s.connect();
  ASSERT_TRUE(c.send(get("/bye") + get("/never")));
  const auto answer = c.read_answer(2s);
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->header("connection"), "close");
  EXPECT_TRUE(c.closed_within(2s));
  EXPECT_TRUE(c.unread().empty()) << "the pipelined request after a close is not answered";
}

TEST(HttpServer, ConnectionDropClosesWithoutAnswering) {
  RunningServer s(test_options([](const HttpRequest&) {
    HttpResponse answer;
    answer.body = "must not arrive";
    answer.connection = HttpResponse::Connection::drop;
    return answer;
  }));
  auto c = s.connect();
  ASSERT_TRUE(c.send(get()));
  EXPECT_TRUE(c.closed_within(2s));
  EXPECT_TRUE(c.unread().empty()) << c.unread();
}

TEST(HttpServer, PostWithoutBodyOrLengthIsAnsweredAtOnce) {
  RunningServer s;
  auto c = s.connect();
  ASSERT_TRUE(c.send("POST /empty HTTP/1.1\r\nHost: test\r\n\r\n"));
  const auto answer = c.read_answer(2s);
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 200) << "waiting for a body that is not coming ends in 408";
  EXPECT_EQ(answer->body, "POST /empty ");
}

TEST(HttpServer, ChunkedBodyWithinTheLimitIsDecoded) {
  RunningServer s;
  auto c = s.connect();
  ASSERT_TRUE(
      c.send("POST /c HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: Chunked\r\n\r\n"
             "5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\n\r\n"));
  const auto answer = c.read_answer(2s);
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 200);
  EXPECT_EQ(answer->body, "POST /c hello world");
}

TEST(HttpServer, BodyAtTheLimitIsAccepted) {
  RunningServer s;
  auto c = s.connect();
  ASSERT_TRUE(c.send(post("/", repeat('b', 1024))));
  const auto answer = c.read_answer(2s);
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 200);
}

// ---- Expect: 100-continue ----

TEST(HttpServer, ContinueIsSentOnlyForAHeadThatPassedEveryCheck) {
  RunningServer s;
  auto c = s.connect();
  ASSERT_TRUE(c.send("POST /up HTTP/1.1\r\nHost: test\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n"));
  const auto interim = c.read_answer(2s);
  ASSERT_TRUE(interim);
  EXPECT_EQ(interim->status, 100);
  ASSERT_TRUE(c.send("hello"));
  const auto answer = c.read_answer(2s);
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->body, "POST /up hello");

  auto too_big = s.connect();
  ASSERT_TRUE(too_big.send("POST /up HTTP/1.1\r\nHost: test\r\nContent-Length: 5000\r\nExpect: 100-continue\r\n\r\n"));
  expect_refusal(too_big, HttpRefusal::body_too_large);

  auto shadowed = s.connect();
  ASSERT_TRUE(shadowed.send(
      "POST /up HTTP/1.1\r\nHost: test\r\nX-A: 1\r\nX-A: 2\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n"));
  expect_refusal(shadowed, HttpRefusal::duplicate_header);
}

// ---- One test per refusal of a request's bytes ----

struct RefusalCase {
  std::string name;
  std::string request;
  HttpRefusal refusal;
};

std::string with_head(const std::string& fields, const std::string& body = "") {
  return "POST /x HTTP/1.1\r\nHost: test\r\n" + fields + "\r\n" + body;
}

std::string many_fields(int count) {
  std::string fields;
  for (int i = 0; i < count; ++i) fields += "X-Field-" + std::to_string(i) + ": " + std::to_string(i) + "\r\n";
  return fields;
}

std::vector<RefusalCase> refusal_cases() {
  using R = HttpRefusal;
  return {
      {"NotHttp", "HELLO THERE\r\n\r\n", R::malformed_request},
      {"UnknownVersion", "GET / HTTP/2.0\r\nHost: test\r\n\r\n", R::malformed_request},
      {"SpaceBeforeColon", with_head("Transfer-Encoding : chunked\r\n", "0\r\n\r\n"), R::malformed_request},
      {"BadChunkSize", with_head("Transfer-Encoding: chunked\r\n", "zz\r\nab\r\n0\r\n\r\n"), R::malformed_request},
      {"ContentLengthWithPlus", with_head("Content-Length: +2\r\n", "ab"), R::bad_framing},
      {"ContentLengthNegative", with_head("Content-Length: -1\r\n", "ab"), R::bad_framing},
      {"ContentLengthHex", with_head("Content-Length: 0x2\r\n", "ab"), R::bad_framing},
      {"TwoDifferentContentLengths", with_head("Content-Length: 2\r\nContent-Length: 3\r\n", "abc"), R::bad_framing},
      {"TwoEqualContentLengths", with_head("Content-Length: 2\r\nContent-Length: 2\r\n", "ab"), R::bad_framing},
      {"ContentLengthList", with_head("Content-Length: 2, 2\r\n", "ab"), R::bad_framing},
      {"ContentLengthWithChunked",
       with_head("Content-Length: 2\r\nTransfer-Encoding: chunked\r\n", "2\r\nab\r\n0\r\n\r\n"), R::bad_framing},
      {"GzipCoding", with_head("Transfer-Encoding: gzip\r\n", "ab"), R::unsupported_transfer_encoding},
      {"GzipThenChunked", with_head("Transfer-Encoding: gzip, chunked\r\n", "2\r\nab\r\n0\r\n\r\n"),
       R::unsupported_transfer_encoding},
      {"ChunkedTwiceInOneField", with_head("Transfer-Encoding: chunked, chunked\r\n", "2\r\nab\r\n0\r\n\r\n"),
       R::unsupported_transfer_encoding},
      // Beast itself refuses a second Transfer-Encoding field after "chunked": a conflict, like two Content-Lengths.
      {"ChunkedInTwoFields", with_head("Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n"),
       R::bad_framing},
      {"GzipInASecondField", with_head("Transfer-Encoding: chunked\r\nTransfer-Encoding: gzip\r\n", "0\r\n\r\n"),
       R::bad_framing},
      {"ChunkedAfterGzipField", with_head("Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n"),
       R::unsupported_transfer_encoding},
      {"DuplicateField", with_head("X-Reviewer: a\r\nX-Reviewer: b\r\n"), R::duplicate_header},
      {"DuplicateFieldOtherCase", with_head("Authorization: Bearer a\r\nauthorization: Bearer b\r\n"),
       R::duplicate_header},
      {"TwoHosts", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", R::duplicate_header},
      {"NoHost", "GET / HTTP/1.1\r\nAccept: */*\r\n\r\n", R::missing_host},
      {"TargetOverLimit", get("/" + repeat('t', 300)), R::target_too_long},
      {"RequestLineOverHeaderLimit", get("/" + repeat('t', 3000)), R::target_too_long},
      {"FieldOverHeaderLimit", get("/", "X-Big: " + repeat('b', 2000) + "\r\n"), R::header_too_large},
      {"LineAndFieldsTogetherOverHeaderLimit", get("/" + repeat('t', 250), "X-Big: " + repeat('b', 800) + "\r\n"),
       R::header_too_large},
      {"TooManyFields", get("/", many_fields(25)), R::too_many_headers},
      {"ContentLengthOverLimit", with_head("Content-Length: 5000\r\n"), R::body_too_large},
      {"ChunkOverLimit", with_head("Transfer-Encoding: chunked\r\n", "800\r\n" + repeat('c', 2048) + "\r\n0\r\n\r\n"),
       R::body_too_large},
      {"ChunksOverLimitTogether",
       with_head("Transfer-Encoding: chunked\r\n",
                 "200\r\n" + repeat('c', 512) + "\r\n200\r\n" + repeat('c', 512) + "\r\n1\r\nc\r\n0\r\n\r\n"),
       R::body_too_large},
  };
}

class Refusal : public ::testing::TestWithParam<RefusalCase> {};

TEST_P(Refusal, IsAnsweredCountedAndClosed) {
  std::atomic<int> handled{0};
  RunningServer s(test_options([&](const HttpRequest& request) {
    ++handled;
    return echo(request);
  }));
  auto c = s.connect();
  c.send(GetParam().request);  // the server may refuse (and close) before the last byte
  expect_refusal(c, GetParam().refusal);
  EXPECT_EQ(handled.load(), 0);
  EXPECT_EQ(s.stats().refused(GetParam().refusal), 1u);
}

INSTANTIATE_TEST_SUITE_P(HttpServer, Refusal, ::testing::ValuesIn(refusal_cases()),
                         [](const ::testing::TestParamInfo<RefusalCase>& info) { return info.param.name; });

TEST(HttpServer, RequestLineAtTheTargetLimitIsServed) {
  RunningServer s;
  auto c = s.connect();
  ASSERT_TRUE(c.send(get("/" + repeat('t', 255), many_fields(18))));
  const auto answer = c.read_answer(2s);
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 200);
}

// ---- Handlers ----

TEST(HttpServer, HandlerThatThrowsGivesInternalErrorWithNothingOfTheException) {
  RunningServer s(
      test_options([](const HttpRequest&) -> HttpResponse { throw std::runtime_error("secret detail rk_live_123"); }));
  auto c = s.connect();
  ASSERT_TRUE(c.send(get()));
  const auto answer = c.read_answer(2s);
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->body.find("secret"), std::string::npos);
  RawConnection again = s.connect();
  ASSERT_TRUE(again.send(get()));
  expect_refusal(again, HttpRefusal::internal_error);
  EXPECT_EQ(s.stats().refused(HttpRefusal::internal_error), 2u);
}

TEST(HttpServer, RefusalsAreRenderedByTheApplicationAndAnsweredAfterwardsNotedByOnAnswered) {
  std::atomic<int> noted{0};
  HttpServerOptions options = test_options();
  options.refusal_answer = [](HttpRefusal refusal) {
    HttpResponse answer;
    answer.status = refusal_status(refusal);
    answer.set_header("Content-Type", "application/json");
    answer.body = std::string(R"({"error":{"type":"invalid_request_error","code":")") + refusal_code(refusal) + "\"}}";
    return answer;
  };
  options.on_answered = [&](const HttpRequest& request, const HttpResponse& answer) {
    if (request.target == "/noted" && answer.status == 200) ++noted;
  };
  RunningServer s(std::move(options));
  auto refused = s.connect();
  ASSERT_TRUE(refused.send("GET / HTTP/1.1\r\n\r\n"));
  const auto answer = refused.read_answer(2s);
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 400);
  EXPECT_NE(answer->body.find("invalid_request_error"), std::string::npos);
  EXPECT_EQ(answer->header("cache-control"), "no-store");
  EXPECT_EQ(answer->header("connection"), "close");
  EXPECT_EQ(noted.load(), 0) << "refusals never reach on_answered";

  auto served = s.connect();
  ASSERT_TRUE(served.send(get("/noted")));
  ASSERT_TRUE(served.read_answer(2s));
  EXPECT_EQ(noted.load(), 1);
}

// Releases a blocked handler when the test ends, whatever happened, so stop() can return.
class Gate {
 public:
  ~Gate() { open(); }
  void open() {
    std::call_once(opened_, [this] { promise_.set_value(); });
  }
  void wait() const { future_.wait(); }

 private:
  std::promise<void> promise_;
  std::shared_future<void> future_ = promise_.get_future().share();
  std::once_flag opened_;
};

TEST(HttpServer, FullQueueAnswersServerBusy) {
  Gate gate;
  std::atomic<int> entered{0};
  ServerLimits limits = small_limits();
  limits.max_queued_requests = 1;
  HttpServerOptions options = test_options(
      [&](const HttpRequest& request) {
        ++entered;
        gate.wait();
        return echo(request);
      },
      limits);
  options.worker_threads = 1;
  RunningServer s(std::move(options));
  auto running = s.connect();
  ASSERT_TRUE(running.send(get("/first")));
  const auto deadline = Clock::now() + 2s;
  while (entered.load() == 0 && Clock::now() < deadline) std::this_thread::sleep_for(1ms);
  ASSERT_EQ(entered.load(), 1);

  auto busy = s.connect();
  ASSERT_TRUE(busy.send(get("/second")));
  const auto refused = busy.read_answer(2s);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 503);
  EXPECT_EQ(refused->error_code(), "server_busy");
  EXPECT_EQ(refused->header("retry-after"), "1");
  EXPECT_TRUE(busy.closed_within(2s));

  gate.open();
  const auto answer = running.read_answer(2s);
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->body, "GET /first ");
  EXPECT_EQ(entered.load(), 1) << "the refused request never reached the handler";
  EXPECT_EQ(s.stats().refused(HttpRefusal::server_busy), 1u);
}

// ---- Deadlines ----

TEST(HttpServer, HeadSentSlowlyGetsRequestTimeoutAtTheHeadDeadline) {
  RunningServer s;
  auto c = s.connect();
  const auto start = Clock::now();
  // A header line every 50 ms: each is prompt, the head as a whole is not.
  ASSERT_TRUE(c.send("GET / HTTP/1.1\r\n"));
  std::optional<RawAnswer> answer;
  for (int line = 0; line < 40 && !answer; ++line) {
    c.send("X-Line-" + std::to_string(line) + ": x\r\n");
    answer = c.read_answer(50ms);
  }
  const auto elapsed = Clock::now() - start;
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 408);
  EXPECT_EQ(answer->error_code(), "request_timeout");
  EXPECT_GE(elapsed, 250ms);
  EXPECT_LT(elapsed, 1500ms) << "a deadline per read would never end: a line came every 50 ms";
  EXPECT_TRUE(c.closed_within(2s));
  EXPECT_EQ(s.stats().refused(HttpRefusal::request_timeout), 1u);
}

TEST(HttpServer, BodySentSlowlyGetsRequestTimeout) {
  RunningServer s;
  auto c = s.connect();
  ASSERT_TRUE(c.send(with_head("Content-Length: 10\r\n", "abc")));
  const auto start = Clock::now();
  expect_refusal(c, HttpRefusal::request_timeout);
  EXPECT_LT(Clock::now() - start, 3s);
}

TEST(HttpServer, IdleConnectionsAreClosedSilently) {
  ServerLimits limits = small_limits();
  limits.head_timeout = 300ms;
  limits.idle_timeout = 1500ms;
  RunningServer s(test_options(echo, limits));
  auto silent = s.connect();
  auto kept = s.connect();
  ASSERT_TRUE(kept.send(get()));
  ASSERT_TRUE(kept.read_answer(2s));
  const auto start = Clock::now();
  // A connection that never said anything gets no longer than a head would.
  EXPECT_TRUE(silent.closed_within(1200ms));
  EXPECT_LT(Clock::now() - start, 1200ms) << "the head timeout is 300 ms";
  // One that was answered may wait, kept alive, for its next request.
  EXPECT_TRUE(kept.closed_within(4s));
  EXPECT_GE(Clock::now() - start, 1300ms) << "the idle timeout is 1.5 s";
  EXPECT_TRUE(silent.unread().empty()) << "no 408 for a connection that never sent a byte";
  EXPECT_TRUE(kept.unread().empty());
  EXPECT_EQ(s.stats().refused(HttpRefusal::request_timeout), 0u);
}

TEST(HttpServer, ClientThatDoesNotReadIsDroppedAtTheWriteDeadline) {
  // 64 MB cannot fit in the two sockets' buffers, so the write waits for a reader that never comes.
  auto bytes = std::make_shared<std::string>(64u << 20, 'w');
  std::weak_ptr<std::string> watch = bytes;
  RunningServer s(test_options([bytes](const HttpRequest&) { return answer_sharing(bytes); }));
  bytes.reset();
  auto c = s.connect();
  ASSERT_TRUE(c.send(get()));
  EXPECT_TRUE(s.wait_for_open_connections(1, 1s));
  EXPECT_TRUE(s.wait_for_open_connections(0, 3s)) << "the connection outlived the write deadline";
  EXPECT_FALSE(watch.expired()) << "the handler still holds the bytes";
}

// ---- Connection caps ----

TEST(HttpServer, PerAddressCapRefusesThatAddressOnly) {
  ServerLimits limits = small_limits();
  limits.max_connections_per_address = 3;
  limits.head_timeout = 10s;  // the attackers say nothing; they must stay open
  RunningServer s(test_options(echo, limits));
  std::vector<RawConnection> attackers;
  for (int i = 0; i < 3; ++i) attackers.push_back(s.connect("127.0.0.2"));
  ASSERT_TRUE(s.wait_for_open_connections(3));

  auto fourth = s.connect("127.0.0.2");
  const auto refused = fourth.read_answer(2s);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 429);
  EXPECT_EQ(refused->error_code(), "too_many_connections_from_address");
  EXPECT_EQ(refused->header("retry-after"), "1");
  EXPECT_EQ(refused->header("connection"), "close");
  EXPECT_TRUE(fourth.closed_within(2s));

  auto neighbour = s.connect("127.0.0.1");
  ASSERT_TRUE(neighbour.send(get()));
  const auto answer = neighbour.read_answer(2s);
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 200);
  EXPECT_EQ(answer->header("x-peer"), "127.0.0.1");

  attackers.pop_back();  // a closed connection frees its place
  ASSERT_TRUE(s.wait_for_open_connections(3));
  auto later = s.connect("127.0.0.2");
  ASSERT_TRUE(later.send(get()));
  const auto served = later.read_answer(2s);
  ASSERT_TRUE(served);
  EXPECT_EQ(served->status, 200);
  EXPECT_EQ(s.stats().refused(HttpRefusal::too_many_connections_from_address), 1u);
}

TEST(HttpServer, TotalCapRefusesEveryoneBeyondIt) {
  ServerLimits limits = small_limits();
  limits.max_connections = 3;
  limits.head_timeout = 10s;  // the held connections say nothing; they must stay open
  RunningServer s(test_options(echo, limits));
  std::vector<RawConnection> held;
  held.push_back(s.connect("127.0.0.2"));
  held.push_back(s.connect("127.0.0.3"));
  held.push_back(s.connect("127.0.0.4"));
  ASSERT_TRUE(s.wait_for_open_connections(3));
  auto over = s.connect("127.0.0.1");
  ASSERT_TRUE(over.send(get()));
  const auto refused = over.read_answer(2s);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 503);
  EXPECT_EQ(refused->error_code(), "too_many_connections");
  EXPECT_EQ(refused->header("retry-after"), "1");
  EXPECT_TRUE(over.closed_within(2s));
  EXPECT_EQ(s.stats().refused(HttpRefusal::too_many_connections), 1u);
}

// ---- Attacks from the issue ----

TEST(HttpServer, HugeChunkedBodyIsRefusedWhileTheClientIsStillSendingAndNeverBuffered) {
  std::atomic<int> handled{0};
  RunningServer s(test_options([&](const HttpRequest& request) {
    ++handled;
    return echo(request);
  }));
  auto c = s.connect();
  const std::size_t total = 700u << 20;
  const std::string chunk = "3e8\r\n" + repeat('x', 1000) + "\r\n";
  const std::size_t rss_before = testing::resident_bytes();
  ASSERT_TRUE(c.send(with_head("Transfer-Encoding: chunked\r\n")));
  std::atomic<std::size_t> sent{0};
  std::thread sender([&] {
    std::string batch;
    for (int i = 0; i < 16; ++i) batch += chunk;
    while (sent.load() < total && c.send(batch)) sent += batch.size();
  });
  const auto answer = c.read_answer(10s);
  const std::size_t sent_when_answered = sent.load();
  sender.join();
  const std::size_t rss_after = testing::resident_bytes();
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 413);
  EXPECT_EQ(answer->error_code(), "body_too_large");
  EXPECT_LT(sent_when_answered, total) << "answered only after the whole body was sent";
  EXPECT_LT(sent.load(), 64u << 20) << "the server kept reading after it refused";
  EXPECT_LT(rss_after, rss_before + (10u << 20)) << "the body was buffered";
  EXPECT_EQ(handled.load(), 0);
  std::cout << "[ figures  ] 700 MB chunked body: answered 413 after the client sent " << sent_when_answered / 1024
            << " KiB, closed after " << sent.load() / 1024 << " KiB; RSS grew by "
            << (rss_after > rss_before ? (rss_after - rss_before) / 1024 : 0) << " KiB\n";
}

TEST(HttpServer, AThousandSlowClientsHoldNoThreadAndStopIsPrompt) {
  constexpr int kSlow = 1000;
  ServerLimits limits = small_limits();
  limits.max_connections_per_address = 2000;
  limits.max_connections = 4096;
  limits.head_timeout = 60s;
  limits.idle_timeout = 60s;
  HttpServerOptions options = test_options(echo, limits);
  options.io_threads = 1;
  options.worker_threads = 2;
  auto s = std::make_unique<RunningServer>(std::move(options));

  const std::size_t rss_before = testing::resident_bytes();
  std::vector<RawConnection> slow;
  slow.reserve(kSlow);
  for (int i = 0; i < kSlow; ++i) {
    slow.push_back(s->connect("127.0.0.2"));
    ASSERT_TRUE(slow.back().send("GET /slow HTTP/1.1\r\nHost: test\r\nX-Slow: "));
  }
  ASSERT_TRUE(s->wait_for_open_connections(kSlow, 10s)) << s->stats().connections_open.load();
  for (auto& connection : slow) ASSERT_TRUE(connection.send("still coming\r\n"));
  const std::size_t rss_with_slow = testing::resident_bytes();

  Clock::duration slowest{};
  for (int i = 0; i < 20; ++i) {
    const auto start = Clock::now();
    auto c = s->connect("127.0.0.1");
    ASSERT_TRUE(c.send(get("/prompt")));
    const auto answer = c.read_answer(2s);
    const auto took = Clock::now() - start;
    ASSERT_TRUE(answer) << "no answer while " << kSlow << " slow clients are connected";
    EXPECT_EQ(answer->status, 200);
    slowest = std::max(slowest, took);
  }
  EXPECT_LT(slowest, 500ms);
  EXPECT_EQ(s->stats().refused(HttpRefusal::request_timeout), 0u);

  const auto stop_start = Clock::now();
  s->server().stop();
  const auto stop_took = Clock::now() - stop_start;
  EXPECT_LT(stop_took, 1s);
  EXPECT_EQ(s->stats().connections_open.load(), 0);
  for (int i = 0; i < kSlow; i += 97) EXPECT_TRUE(slow[static_cast<std::size_t>(i)].closed_within(1s)) << i;
  s->server().stop();  // idempotent

  const auto ms = [](Clock::duration d) {
    return std::chrono::duration_cast<std::chrono::microseconds>(d).count() / 1000.0;
  };
  std::cout << "[ figures  ] " << kSlow << " slow connections: RSS +"
            << (rss_with_slow - std::min(rss_with_slow, rss_before)) / 1024
            << " KiB (test process, both ends); slowest of 20 answers to 127.0.0.1 " << ms(slowest) << " ms; stop() "
            << ms(stop_took) << " ms\n";
}

TEST(HttpServer, AcceptLoopSurvivesRunningOutOfDescriptors) {
  RunningServer s;
  rlimit saved{};
  ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &saved), 0);
  const int client = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  ASSERT_GE(client, 0);
  // Every descriptor number under the lowered limit is taken, so the server's accept fails.
  rlimit lowered = saved;
  lowered.rlim_cur = static_cast<rlim_t>(client + 64);
  ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &lowered), 0);
  std::vector<int> fillers;
  for (int fd; (fd = ::dup(client)) >= 0;) fillers.push_back(fd);
  sockaddr_in target{};
  target.sin_family = AF_INET;
  target.sin_port = htons(static_cast<std::uint16_t>(s.server().port()));
  target.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool connected = ::connect(client, reinterpret_cast<const sockaddr*>(&target), sizeof(target)) == 0;
  rusage before{}, after{};
  getrusage(RUSAGE_SELF, &before);
  std::this_thread::sleep_for(300ms);
  getrusage(RUSAGE_SELF, &after);
  for (const int fd : fillers) ::close(fd);
  setrlimit(RLIMIT_NOFILE, &saved);
  ASSERT_TRUE(connected);
  ASSERT_FALSE(fillers.empty());

  const auto cpu_us = [](const rusage& u) {
    return (u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1'000'000L + u.ru_utime.tv_usec + u.ru_stime.tv_usec;
  };
  // Backing off costs well under a millisecond of CPU here; retrying at once, over 100 ms.
  EXPECT_LT(cpu_us(after) - cpu_us(before), 30'000) << "the accept loop spun while out of descriptors";
  const std::string request = get("/after-emfile");
  ASSERT_EQ(::send(client, request.data(), request.size(), MSG_NOSIGNAL), static_cast<ssize_t>(request.size()));
  char reply[512];
  timeval wait{2, 0};
  setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof(wait));
  const ssize_t n = ::recv(client, reply, sizeof(reply), 0);
  ::close(client);
  ASSERT_GT(n, 0) << "the pending connection was never served once descriptors were free";
  EXPECT_EQ(std::string(reply, static_cast<std::size_t>(n)).rfind("HTTP/1.1 200", 0), 0u);
}

// ---- Life cycle ----

TEST(HttpServer, StartRaisesTheDescriptorSoftLimitToTheHardLimit) {
  rlimit limit{};
  ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &limit), 0);
  if (limit.rlim_max < 512 || limit.rlim_max == RLIM_INFINITY) GTEST_SKIP() << "no room to lower the soft limit";
  rlimit lowered = limit;
  lowered.rlim_cur = 256;
  ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &lowered), 0);
  RunningServer s;
  rlimit now{};
  ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &now), 0);
  EXPECT_EQ(now.rlim_cur, limit.rlim_max);
}

TEST(HttpServer, StartOnATakenPortNamesTheAddress) {
  RunningServer first;
  HttpServerOptions options = test_options();
  options.port = first.server().port();
  HttpServer second(std::move(options));
  try {
    second.start();
    FAIL() << "bound a port that is taken";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("127.0.0.1:" + std::to_string(first.server().port())), std::string::npos)
        << e.what();
  }
}

TEST(HttpServer, StopWaitsForARunningHandlerAndIsIdempotent) {
  std::atomic<bool> finished{false};
  std::atomic<bool> entered{false};
  auto s = std::make_unique<RunningServer>(test_options([&](const HttpRequest& request) {
    entered = true;
    std::this_thread::sleep_for(200ms);
    finished = true;
    return echo(request);
  }));
  auto c = s->connect();
  ASSERT_TRUE(c.send(get()));
  while (!entered) std::this_thread::sleep_for(1ms);
  s->server().stop();
  EXPECT_TRUE(finished.load());
  s->server().stop();
  s.reset();
  EXPECT_TRUE(c.closed_within(1s));
}

}  // namespace
}  // namespace iiv::common
