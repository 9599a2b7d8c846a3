#pragma once
// A deliberately small, strict URL parser: only what the bundle rules need (scheme,
// userinfo presence, host, port, path). Anything a browser might read differently
// from us (backslashes, whitespace, percent-encoded or non-ASCII hosts) is refused
// rather than normalised, so the host we check is the host the browser will fetch.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace iiv {

struct UrlParts {
  std::string scheme;                 // lower-cased, e.g. "https"
  bool hasUserinfo = false;           // "user:pass@" before the host
  std::string host;                   // lower-cased; IPv6 keeps its brackets: "[::1]"
  std::optional<std::uint16_t> port;  // only when written in the URL
  std::string pathAndRest;            // from the first '/', '?' or '#' after the host; may be empty

  // The port the browser will connect to (explicit, or the scheme's default).
  std::optional<std::uint16_t> effectivePort() const;
  // "scheme://host" — the only part of a URL that may appear in messages.
  std::string origin() const;
};

// Why a text is not accepted as a URL; never quotes the text itself.
struct UrlSyntaxError {
  std::string reason;
};

std::variant<UrlParts, UrlSyntaxError> parseUrl(std::string_view text);

// 443 for https, 80 for http, nothing for other schemes.
std::optional<std::uint16_t> defaultPortFor(std::string_view lowerCaseScheme);

// 127.0.0.0/8 written as a dotted quad, "localhost", or the IPv6 loopback in any
// spelling ("[::1]", "[0:0:0:0:0:0:0:1]").
bool isLoopbackHost(std::string_view lowerCaseHost);

}  // namespace iiv
