#include "core/url_parts.hpp"

#include <array>
#include <cctype>

namespace iiv {
namespace {

char toLowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lowerCased(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = toLowerAscii(c);
  return out;
}

bool isAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool isAsciiDigit(char c) { return c >= '0' && c <= '9'; }
bool isHexDigit(char c) { return isAsciiDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

std::optional<UrlSyntaxError> checkCharacters(std::string_view text) {
  for (char raw : text) {
    const auto c = static_cast<unsigned char>(raw);
    if (c <= 0x20 || c == 0x7f) return UrlSyntaxError{"it contains whitespace or control characters"};
    if (c >= 0x80) return UrlSyntaxError{"it contains non-ASCII characters"};
    // Browsers read '\' as '/' in http(s) URLs; refusing it avoids parsing differently.
    if (c == '\\') return UrlSyntaxError{"it contains a backslash"};
  }
  return std::nullopt;
}

bool isValidRegisteredName(std::string_view host) {
  for (char c : host) {
    if (!(isAsciiLetter(c) || isAsciiDigit(c) || c == '-' || c == '.')) return false;
  }
  return true;
}

// Parses the inside of "[...]" into eight 16-bit groups; false if not an IPv6 address.
// Embedded IPv4 tails ("::ffff:1.2.3.4") are not needed for files hosts and are refused.
bool parseIpv6(std::string_view text, std::array<std::uint16_t, 8>& groups) {
  groups.fill(0);
  std::array<std::uint16_t, 8> head{};
  std::array<std::uint16_t, 8> tail{};
  std::size_t headCount = 0;
  std::size_t tailCount = 0;
  bool sawGap = false;
  std::size_t i = 0;
  if (text.substr(0, 2) == "::") {
    sawGap = true;
    i = 2;
  }
  while (i < text.size()) {
    std::size_t digits = 0;
    std::uint32_t value = 0;
    while (i < text.size() && isHexDigit(text[i]) && digits < 5) {
      const char c = toLowerAscii(text[i]);
      value = value * 16 + static_cast<std::uint32_t>(isAsciiDigit(c) ? c - '0' : c - 'a' + 10);
      ++digits;
      ++i;
    }
    if (digits == 0 || digits > 4) return false;
    auto& target = sawGap ? tail : head;
    auto& count = sawGap ? tailCount : headCount;
    if (headCount + tailCount >= 8) return false;
    target[count++] = static_cast<std::uint16_t>(value);
    if (i == text.size()) break;
    if (text[i] != ':') return false;
    ++i;
    if (i < text.size() && text[i] == ':') {
      if (sawGap) return false;
      sawGap = true;
      ++i;
    } else if (i == text.size()) {
      return false;  // a single trailing ':'
    }
  }
  const std::size_t total = headCount + tailCount;
  if (sawGap ? total > 7 : total != 8) return false;
  for (std::size_t k = 0; k < headCount; ++k) groups[k] = head[k];
  for (std::size_t k = 0; k < tailCount; ++k) groups[8 - tailCount + k] = tail[k];
  return true;
}

std::optional<std::uint8_t> dottedQuadFirstOctet(std::string_view host) {
  std::size_t parts = 0;
  std::size_t start = 0;
  std::optional<std::uint8_t> first;
  while (start <= host.size()) {
    const std::size_t dot = host.find('.', start);
    const std::string_view part =
        host.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (part.empty() || part.size() > 3) return std::nullopt;
    unsigned value = 0;
    for (char c : part) {
      if (!isAsciiDigit(c)) return std::nullopt;
      value = value * 10 + static_cast<unsigned>(c - '0');
    }
    if (value > 255) return std::nullopt;
    if (parts == 0) first = static_cast<std::uint8_t>(value);
    ++parts;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  if (parts != 4) return std::nullopt;
  return first;
}

}  // namespace

std::optional<std::uint16_t> defaultPortFor(std::string_view scheme) {
  if (scheme == "https") return 443;
  if (scheme == "http") return 80;
  return std::nullopt;
}

std::optional<std::uint16_t> UrlParts::effectivePort() const { return port ? port : defaultPortFor(scheme); }

std::string UrlParts::origin() const { return scheme + "://" + host; }

std::variant<UrlParts, UrlSyntaxError> parseUrl(std::string_view text) {
  if (text.empty()) return UrlSyntaxError{"it is empty"};
  if (auto bad = checkCharacters(text)) return *bad;

  const std::size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0) return UrlSyntaxError{"it has no scheme"};
  const std::string_view scheme = text.substr(0, colon);
  if (!isAsciiLetter(scheme[0])) return UrlSyntaxError{"its scheme is malformed"};
  for (char c : scheme) {
    if (!(isAsciiLetter(c) || isAsciiDigit(c) || c == '+' || c == '-' || c == '.')) {
      return UrlSyntaxError{"its scheme is malformed"};
    }
  }
  UrlParts parts;
  parts.scheme = lowerCased(scheme);

  std::string_view rest = text.substr(colon + 1);
  if (rest.substr(0, 2) != "//") return UrlSyntaxError{"it has no '//' authority"};
  rest.remove_prefix(2);

  const std::size_t authorityEnd = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, authorityEnd);
  parts.pathAndRest = authorityEnd == std::string_view::npos ? "" : std::string(rest.substr(authorityEnd));

  const std::size_t at = authority.rfind('@');
  if (at != std::string_view::npos) {
    parts.hasUserinfo = true;
    authority.remove_prefix(at + 1);
  }

  std::string_view hostText;
  std::string_view portText;
  bool hasPort = false;
  if (!authority.empty() && authority.front() == '[') {
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos) return UrlSyntaxError{"its IPv6 host has no ']'"};
    hostText = authority.substr(0, close + 1);
    const std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return UrlSyntaxError{"text follows its IPv6 host"};
      hasPort = true;
      portText = after.substr(1);
    }
    std::array<std::uint16_t, 8> groups{};
    if (!parseIpv6(hostText.substr(1, hostText.size() - 2), groups)) {
      return UrlSyntaxError{"its IPv6 host is malformed"};
    }
  } else {
    const std::size_t portColon = authority.find(':');
    hostText = authority.substr(0, portColon);
    if (portColon != std::string_view::npos) {
      hasPort = true;
      portText = authority.substr(portColon + 1);
    }
    if (hostText.find('%') != std::string_view::npos) {
      return UrlSyntaxError{"its host is percent-encoded"};
    }
    if (!isValidRegisteredName(hostText)) return UrlSyntaxError{"its host has characters a host name cannot have"};
  }
  if (hostText.empty()) return UrlSyntaxError{"it has no host"};
  parts.host = lowerCased(hostText);

  if (hasPort) {
    if (portText.empty() || portText.size() > 5) return UrlSyntaxError{"its port is malformed"};
    std::uint32_t value = 0;
    for (char c : portText) {
      if (!isAsciiDigit(c)) return UrlSyntaxError{"its port is malformed"};
      value = value * 10 + static_cast<std::uint32_t>(c - '0');
    }
    if (value == 0 || value > 65535) return UrlSyntaxError{"its port is out of range"};
    parts.port = static_cast<std::uint16_t>(value);
  }
  return parts;
}

bool isLoopbackHost(std::string_view host) {
  if (host == "localhost") return true;
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    std::array<std::uint16_t, 8> groups{};
    if (!parseIpv6(host.substr(1, host.size() - 2), groups)) return false;
    for (std::size_t i = 0; i < 7; ++i) {
      if (groups[i] != 0) return false;
    }
    return groups[7] == 1;
  }
  const auto firstOctet = dottedQuadFirstOctet(host);
  return firstOctet && *firstOctet == 127;
}

}  // namespace iiv
