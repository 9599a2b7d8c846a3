// CurlTransport against loopback servers only: a scripted raw-socket HTTP server (what is
// sent, connection reuse, the pool bound, timeouts, the size cap, redirects), `openssl
// s_server` with a certificate made here (verification on), and the emulator program.
#include "stub/stripe/curl_transport.hpp"

#include <chrono>
#include <condition_variable>
#include <fstream>
#include <mutex>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "common/stripe_api.hpp"
#include "emulator/builtin_keys.hpp"
#include "emulator/seed_ids.hpp"
#include "loopback_http_server.hpp"
#include "support/child_process.hpp"

namespace iiv::stub {
namespace {

using namespace std::chrono_literals;
using testing::LoopbackHttpServer;
using testing::ReceivedRequest;

constexpr const char* kKey = "rk_test_transportTestKey0000WXYZ";

std::unique_ptr<CurlTransport> transport_to(const std::string& base_url, int max_connections = 4,
                                            std::chrono::milliseconds timeout = 5000ms) {
  CurlTransportSettings settings;
  settings.base_url = base_url;
  settings.max_connections = max_connections;
  settings.connect_timeout = timeout;
  settings.request_timeout = timeout;
  auto created = CurlTransport::create(settings);
  EXPECT_TRUE(created.ok()) << (created.ok() ? "" : created.error());
  return created.ok() ? std::move(created).value() : nullptr;
}

StripeHttpRequest get(const std::string& path) {
  return StripeHttpRequest{"GET", path, "", kKey, "", common::kStripeApiVersion};
}

StripeHttpRequest post(const std::string& path, const std::string& body, const std::string& idempotency_key) {
  return StripeHttpRequest{"POST", path, body, kKey, idempotency_key, common::kStripeApiVersion};
}

LoopbackHttpServer::Responder always(int status, std::string body = "{}", std::string extra = "") {
  return [=](const ReceivedRequest&) { return LoopbackHttpServer::answer(status, body, extra); };
}

TEST(CurlTransport, AGetCarriesTheKeyTheVersionAndTheUserAgentAndNothingOfAPost) {
  LoopbackHttpServer server(always(200, R"({"id":"vs_1"})"));
  auto transport = transport_to(server.base_url());
  const auto response = transport->send(get("/v1/identity/verification_sessions/vs_1?expand[]=x"));
  EXPECT_EQ(response.failure, TransportFailure::none);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, R"({"id":"vs_1"})");

  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  const auto& r = requests[0];
  EXPECT_EQ(r.method, "GET");
  EXPECT_EQ(r.target, "/v1/identity/verification_sessions/vs_1?expand[]=x");
  EXPECT_EQ(r.header("authorization"), std::string("Bearer ") + kKey);
  EXPECT_EQ(r.header("stripe-version"), "2022-11-15");
  EXPECT_EQ(r.header("user-agent"), "iiv-server-stub");
  EXPECT_FALSE(r.has("idempotency-key"));
  EXPECT_FALSE(r.has("content-type"));
  EXPECT_TRUE(r.body.empty());
}

TEST(CurlTransport, APostCarriesTheFormBodyItsTypeAndTheIdempotencyKey) {
  LoopbackHttpServer server(always(200));
  auto transport = transport_to(server.base_url());
  const auto response = transport->send(post("/v1/file_links", "file=file_1&expires_at=1700000030", "idem-123"));
  EXPECT_EQ(response.status, 200);
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  const auto& r = requests[0];
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.target, "/v1/file_links");
  EXPECT_EQ(r.body, "file=file_1&expires_at=1700000030");
  EXPECT_EQ(r.header("content-type"), "application/x-www-form-urlencoded");
  EXPECT_EQ(r.header("idempotency-key"), "idem-123");
  EXPECT_EQ(r.header("authorization"), std::string("Bearer ") + kKey);
  EXPECT_EQ(r.header("stripe-version"), "2022-11-15");
  EXPECT_FALSE(r.has("expect")) << "no 100-continue round trip";
}

TEST(CurlTransport, TheHeadersTheRetryLogicReadsAreCaptured) {
  LoopbackHttpServer server(
      always(429, R"({"error":{}})",
             "Retry-After: 3\r\nStripe-Should-Retry: true\r\nDate: Mon, 30 Nov 2026 11:00:00 GMT\r\n"));
  auto transport = transport_to(server.base_url());
  const auto response = transport->send(get("/v1/identity/verification_sessions"));
  EXPECT_EQ(response.failure, TransportFailure::none);
  EXPECT_EQ(response.status, 429);
  EXPECT_EQ(response.retry_after, "3");
  EXPECT_EQ(response.should_retry, "true");
  EXPECT_EQ(response.date, "Mon, 30 Nov 2026 11:00:00 GMT");
}

TEST(CurlTransport, SequentialRequestsReuseOneConnection) {
  LoopbackHttpServer server(always(200));
  auto transport = transport_to(server.base_url());
  for (int i = 0; i < 20; ++i) {
    const auto response = i % 2 ? transport->send(post("/v1/file_links", "file=f", "k" + std::to_string(i)))
                                : transport->send(get("/v1/files/file_1"));
    ASSERT_EQ(response.status, 200) << i;
  }
  EXPECT_EQ(server.requests().size(), 20u);
  EXPECT_EQ(server.connections_accepted(), 1);
}

TEST(CurlTransport, ConcurrentCallersShareAtMostMaxConnections) {
  LoopbackHttpServer server([](const ReceivedRequest&) {
    std::this_thread::sleep_for(20ms);  // holds each request open, so callers overlap
    return LoopbackHttpServer::answer(200, "{}");
  });
  auto transport = transport_to(server.base_url(), /*max_connections=*/2);
  std::vector<std::thread> callers;
  std::atomic<int> ok{0};
  for (int t = 0; t < 6; ++t)
    callers.emplace_back([&] {
      for (int i = 0; i < 4; ++i)
        if (transport->send(get("/v1/files/file_1")).status == 200) ++ok;
    });
  for (auto& c : callers) c.join();
  EXPECT_EQ(ok.load(), 24);
  EXPECT_EQ(server.max_in_flight(), 2);
  EXPECT_EQ(server.connections_accepted(), 2) << "two pooled connections, each kept alive";
}

TEST(CurlTransport, AStalledAnswerIsATimeout) {
  std::mutex mutex;
  std::condition_variable released;
  bool release = false;
  LoopbackHttpServer server([&](const ReceivedRequest&) {
    std::unique_lock<std::mutex> lock(mutex);
    released.wait(lock, [&] { return release; });
    return std::string();
  });
  auto transport = transport_to(server.base_url(), 4, 200ms);
  const auto started = std::chrono::steady_clock::now();
  const auto response = transport->send(get("/v1/files/file_1"));
  const auto took = std::chrono::steady_clock::now() - started;
  {
    std::lock_guard<std::mutex> lock(mutex);
    release = true;
  }
  released.notify_all();
  EXPECT_EQ(response.failure, TransportFailure::timeout);
  EXPECT_GE(took, 190ms);
  EXPECT_LT(took, 3s);
}

TEST(CurlTransport, NobodyListeningIsAConnectFailure) {
  auto transport = transport_to("http://127.0.0.1:" + std::to_string(testing::closed_loopback_port()));
  EXPECT_EQ(transport->send(get("/v1/files/file_1")).failure, TransportFailure::connect);
}

TEST(CurlTransport, AnAnswerOverOneMebibyteIsRefusedWhetherAnnouncedOrNot) {
  const std::string mebibyte(1024 * 1024, 'x');
  LoopbackHttpServer server([&](const ReceivedRequest& r) {
    if (r.target == "/exact") return LoopbackHttpServer::answer(200, mebibyte);
    if (r.target == "/announced") return LoopbackHttpServer::answer(200, mebibyte + "y");
    // Chunked: no length announced, so only the running count can stop it.
    std::string chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
    for (int i = 0; i < 3; ++i) chunked += "80000\r\n" + std::string(0x80000, 'z') + "\r\n";
    return chunked + "0\r\n\r\n";
  });
  auto transport = transport_to(server.base_url());
  const auto exact = transport->send(get("/exact"));
  EXPECT_EQ(exact.failure, TransportFailure::none);
  EXPECT_EQ(exact.body.size(), mebibyte.size());
  for (const char* path : {"/announced", "/chunked"}) {
    const auto refused = transport->send(get(path));
    EXPECT_EQ(refused.failure, TransportFailure::answer_too_large) << path;
    EXPECT_TRUE(refused.body.empty()) << path;
  }
}

TEST(CurlTransport, ARedirectIsNeverFollowed) {
  LoopbackHttpServer elsewhere(always(200, R"({"stolen":true})"));
  LoopbackHttpServer server(always(302, "", "Location: " + elsewhere.base_url() + "/v1/files/file_1\r\n"));
  auto transport = transport_to(server.base_url());
  const auto response = transport->send(post("/v1/file_links", "file=f", "k1"));
  EXPECT_EQ(response.failure, TransportFailure::none);
  EXPECT_EQ(response.status, 302);
  EXPECT_EQ(elsewhere.connections_accepted(), 0);
}

TEST(CurlTransport, ValuesThatWouldBreakTheRequestAreRefusedBeforeAnythingIsSent) {
  LoopbackHttpServer server(always(200));
  auto transport = transport_to(server.base_url());
  auto injected_key = get("/v1/files/f");
  injected_key.api_key = std::string(kKey) + "\r\nX-Injected: 1";
  auto injected_idempotency = post("/v1/file_links", "file=f", "k\nX-Injected: 1");
  for (const auto& bad : {injected_key, injected_idempotency, get("@elsewhere.example/v1/x"), get("//elsewhere/v1"),
                          get("/v1/files/a b"), StripeHttpRequest{"DELETE", "/v1/files/f", "", kKey, "", ""}}) {
    EXPECT_EQ(transport->send(bad).failure, TransportFailure::request_refused) << bad.path_and_query;
  }
  EXPECT_EQ(server.connections_accepted(), 0);
}

TEST(CurlTransport, CreateRefusesPlainHttpBeyondLoopbackAndSettingsOutOfRange) {
  CurlTransportSettings settings;
  for (const char* url : {"http://api.stripe.com", "http://localhost.example", "http://127.0.0.1@elsewhere.example",
                          "ftp://127.0.0.1", "https://api.stripe.com/v1", "https://", "api.stripe.com"}) {
    settings.base_url = url;
    EXPECT_FALSE(CurlTransport::create(settings).ok()) << url;
  }
  for (const char* url : {"https://api.stripe.com", "http://127.0.0.1:12111", "http://localhost:1", "http://[::1]:2"}) {
    settings.base_url = url;
    EXPECT_TRUE(CurlTransport::create(settings).ok()) << url;
  }
  settings.max_connections = 0;
  EXPECT_FALSE(CurlTransport::create(settings).ok());
  settings.max_connections = 4;
  settings.request_timeout = 0ms;
  EXPECT_FALSE(CurlTransport::create(settings).ok());
}

// TLS against `openssl s_server` with a certificate for "localhost" made for this test.
class TlsServer {
 public:
  TlsServer() {
    const auto key = dir_ / "key.pem";
    const auto cert = dir_ / "cert.pem";
    iiv::testing::ChildProcess make_cert(
        {"/usr/bin/openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
         "-keyout", key.string(), "-out", cert.string(), "-days", "1", "-subj", "/CN=localhost", "-addext",
         "subjectAltName=DNS:localhost"},
        dir_ / "req.stderr");
    EXPECT_EQ(make_cert.wait_exit(30s), 0);
    cert_ = cert.string();
    server_ = std::make_unique<iiv::testing::ChildProcess>(
        std::vector<std::string>{"/usr/bin/openssl", "s_server", "-accept", "127.0.0.1:0", "-cert", cert.string(),
                                 "-key", key.string(), "-www"},
        dir_ / "s_server.stderr");
    // "ACCEPT 127.0.0.1:PORT" once it listens.
    for (int i = 0; i < 5 && port_ == 0; ++i) {
      const auto line = server_->read_line(10s);
      if (!line) break;
      if (line->rfind("ACCEPT ", 0) == 0) port_ = std::stoi(line->substr(line->rfind(':') + 1));
    }
    EXPECT_NE(port_, 0) << "openssl s_server did not start";
  }
  int port() const { return port_; }
  const std::string& cert_file() const { return cert_; }

 private:
  iiv::testing::TempDir dir_;
  std::string cert_;
  std::unique_ptr<iiv::testing::ChildProcess> server_;
  int port_ = 0;
};

std::unique_ptr<CurlTransport> tls_transport(const std::string& host, int port, const std::string& ca_file) {
  CurlTransportSettings settings;
  settings.base_url = "https://" + host + ":" + std::to_string(port);
  settings.ca_file = ca_file;
  return std::move(CurlTransport::create(settings)).value();
}

TEST(CurlTransportTls, ACertificateNoCaVouchesForIsRefused) {
  TlsServer server;
  auto transport = tls_transport("localhost", server.port(), "");
  const auto response = transport->send(get("/v1/files/file_1"));
  EXPECT_EQ(response.failure, TransportFailure::certificate_refused);
  EXPECT_EQ(response.status, 0);
}

TEST(CurlTransportTls, TheSameServerIsReachedOnceItsCaIsTrusted) {
  // The control for the test above: TLS itself works, only the trust was missing.
  TlsServer server;
  auto transport = tls_transport("localhost", server.port(), server.cert_file());
  const auto response = transport->send(get("/v1/files/file_1"));
  EXPECT_EQ(response.failure, TransportFailure::none);
  EXPECT_EQ(response.status, 200);
}

TEST(CurlTransportTls, ATrustedCertificateForAnotherHostNameIsRefused) {
  TlsServer server;  // its certificate names localhost only
  auto transport = tls_transport("127.0.0.1", server.port(), server.cert_file());
  EXPECT_EQ(transport->send(get("/v1/files/file_1")).failure, TransportFailure::certificate_refused);
}

TEST(CurlTransportEmulator, TalksToTheEmulatorProgram) {
  iiv::testing::TempDir dir;
  iiv::testing::ChildProcess emulator(
      {IIV_EMULATOR_BINARY, "--port", "0", "--files-port", "0", "--quiet", "--no-warm-images"},
      dir / "emulator.stderr");
  const auto line = emulator.read_line(15s);
  ASSERT_TRUE(line);
  const std::string api_base = nlohmann::json::parse(*line).at("api_base");
  auto transport = transport_to(api_base);
  auto request = get(std::string("/v1/identity/verification_sessions/") + emulator::seed_ids::passport_verified);
  request.api_key = emulator::builtin_keys::full_access;
  const auto session = transport->send(request);
  EXPECT_EQ(session.status, 200) << session.body;
  EXPECT_EQ(nlohmann::json::parse(session.body).value("id", ""), emulator::seed_ids::passport_verified);
  EXPECT_FALSE(session.date.empty()) << "the emulator's clock, as Stripe's Date";

  auto link = post("/v1/file_links", "file=file_1EmuDisputeEvidence", "curl-transport-emulator-1");
  link.api_key = emulator::builtin_keys::full_access;
  EXPECT_EQ(transport->send(link).status, 200);
}

}  // namespace
}  // namespace iiv::stub
