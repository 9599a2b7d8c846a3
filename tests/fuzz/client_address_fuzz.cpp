// The stub's client-address parsing on arbitrary peers and X-Forwarded-For headers, as
// the per-client limits use it. Input: the peer address, a newline, the header value.
// The answer is the peer itself unless the peer is a trusted proxy, and then an address
// literal in canonical form; canonical text is stable under canonicalisation.
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "stub/http/client_address.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using iiv::fuzz::require;
  std::string_view rest = iiv::fuzz::as_text(data, size);
  const std::string peer(iiv::fuzz::take_until(rest, '\n'));
  const std::string forwarded(rest);

  for (const std::string& text : {peer, forwarded}) {
    const std::string canonical = iiv::stub::canonical_ip(text);
    if (canonical.empty()) continue;
    require(text.find('\0') == std::string::npos, "an address literal is the whole text");
    require(iiv::stub::canonical_ip(canonical) == canonical, "canonical text is stable");
  }

  iiv::common::HttpRequest request;
  request.peer_address = peer;
  request.headers["x-forwarded-for"] = forwarded;
  const std::vector<std::string> trusted = {"127.0.0.1", "::1", "10.0.0.1"};
  const std::string client = iiv::stub::client_address(request, trusted);
  const std::string canonical_peer = iiv::stub::canonical_ip(peer);
  const bool peer_is_trusted = canonical_peer == "127.0.0.1" || canonical_peer == "::1" || canonical_peer == "10.0.0.1";
  if (!peer_is_trusted) {
    require(client == (canonical_peer.empty() ? peer : canonical_peer), "an untrusted peer is the client itself");
  } else {
    require(iiv::stub::canonical_ip(client) == client,
            "behind a trusted proxy the client is the proxy or an address literal from the header");
  }
  (void)iiv::stub::client_limit_key(client);
  return 0;
}
