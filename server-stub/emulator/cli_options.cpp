#include "emulator/cli_options.hpp"

#include <cerrno>
#include <cstdlib>
#include <optional>

namespace iiv::emulator {

namespace {

std::optional<long long> parse_int(const std::string& text, long long min, long long max) {
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  errno = 0;
  const long long v = std::strtoll(text.c_str(), &end, 10);
  if (errno != 0 || *end != '\0' || v < min || v > max) return std::nullopt;
  return v;
}

std::optional<double> parse_rate(const std::string& text) {
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (*end != '\0' || !(v >= 0.0 && v <= 1.0)) return std::nullopt;
  return v;
}

}  // namespace

std::string usage_text() {
  return "usage: iiv-stripe-emulator [options]\n"
         "  --host ADDR              listen address (default 127.0.0.1; loopback only unless forced)\n"
         "  --port N                 API port (default 0: any free port)\n"
         "  --files-port N           files host port (default 0: any free port)\n"
         "  --latency-ms N           added latency per API request (default 0)\n"
         "  --fault-rate R           share of API requests that fail on purpose, 0..1 (default 0)\n"
         "  --faults LIST            fault kinds among 429,500,drop (default all three)\n"
         "  --files-cors on|off      Access-Control-Allow-Origin: * on the files host (default on)\n"
         "  --keys FILE              API keys from a JSON file (default: the built-in test keys)\n"
         "  --redaction-delay-ms N   how long a redaction stays \"processing\" (default 0: until the next read)\n"
         "  --fault-seed N           seed of the fault dice (default fixed)\n"
         "  --rate-limits MODE       enforce Stripe's documented rate limits: off, sandbox or live (default off)\n"
         "  --allow-non-loopback     permit a non-loopback --host (never needed for tests or the demo)\n"
         "  --no-warm-images         render seed images only when first asked for\n"
         "  --quiet                  no request log on stderr\n"
         "  --help                   this text\n"
         "On start one JSON line goes to stdout: "
         "{\"event\":\"listening\",\"api_base\":\"http://…\",\"files_base\":\"http://…\"}\n";
}

common::Result<CliOptions, std::string> parse_cli(const std::vector<std::string>& args) {
  const auto fail = [](std::string why) { return common::Fail(std::move(why)); };
  CliOptions cli;
  EmulatorOptions& o = cli.emulator;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string flag = args[i];
    std::optional<std::string> inline_value;
    if (const auto eq = flag.find('='); flag.rfind("--", 0) == 0 && eq != std::string::npos) {
      inline_value = flag.substr(eq + 1);
      flag = flag.substr(0, eq);
    }
    const auto value = [&]() -> std::optional<std::string> {
      if (inline_value) return inline_value;
      if (i + 1 < args.size()) return args[++i];
      return std::nullopt;
    };
    const auto switch_flag = [&]() { return !inline_value.has_value(); };

    if (flag == "--help" || flag == "-h") {
      cli.show_help = true;
    } else if (flag == "--allow-non-loopback" && switch_flag()) {
      o.allow_non_loopback = true;
    } else if (flag == "--no-warm-images" && switch_flag()) {
      o.warm_images = false;
    } else if (flag == "--quiet" && switch_flag()) {
      cli.quiet = true;
    } else if (flag == "--host") {
      const auto v = value();
      if (!v || v->empty()) return fail("--host needs an address");
      o.host = *v;
    } else if (flag == "--port" || flag == "--files-port") {
      const auto v = value();
      const auto port = v ? parse_int(*v, 0, 65535) : std::nullopt;
      if (!port) return fail(flag + " needs a port number 0..65535");
      (flag == "--port" ? o.api_port : o.files_port) = static_cast<int>(*port);
    } else if (flag == "--latency-ms" || flag == "--redaction-delay-ms") {
      const auto v = value();
      const long long max = flag == "--latency-ms" ? kMaxLatencyMs : kMaxRedactionDelayMs;
      const auto ms = v ? parse_int(*v, 0, max) : std::nullopt;
      if (!ms) return fail(flag + " needs milliseconds 0.." + std::to_string(max));
      (flag == "--latency-ms" ? o.runtime.latency_ms : o.runtime.redaction_delay_ms) = static_cast<int>(*ms);
    } else if (flag == "--fault-rate") {
      const auto v = value();
      const auto rate = v ? parse_rate(*v) : std::nullopt;
      if (!rate) return fail("--fault-rate needs a number between 0 and 1");
      o.runtime.fault_rate = *rate;
    } else if (flag == "--faults") {
      auto kinds = parse_fault_kinds(value().value_or(""));
      if (!kinds) return fail("--faults needs a list of 429, 500 and drop, e.g. 429,drop");
      o.runtime.faults = std::move(kinds).value();
    } else if (flag == "--files-cors") {
      const auto v = value();
      if (!v || (*v != "on" && *v != "off")) return fail("--files-cors needs on or off");
      o.runtime.files_cors = *v == "on";
    } else if (flag == "--keys") {
      const auto v = value();
      if (!v || v->empty()) return fail("--keys needs a file name");
      o.keys_file = *v;
    } else if (flag == "--rate-limits") {
      auto limits = parse_rate_limits(value().value_or(""));
      if (!limits) return fail("--rate-limits needs off, sandbox or live");
      o.runtime.rate_limits = *limits;
    } else if (flag == "--fault-seed") {
      const auto v = value();
      const auto seed = v ? parse_int(*v, 0, (1LL << 62)) : std::nullopt;
      if (!seed) return fail("--fault-seed needs a non-negative integer");
      o.fault_seed = static_cast<std::uint64_t>(*seed);
    } else {
      return fail("unknown option " + args[i]);
    }
  }
  return cli;
}

}  // namespace iiv::emulator
