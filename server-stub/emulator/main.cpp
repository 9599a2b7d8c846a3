// iiv-stripe-emulator: Stripe's Identity, Files and FileLinks endpoints on loopback, with a
// files host, for tests and the demo. Prints one JSON "listening" line on stdout once both
// ports accept connections; logs to stderr; SIGINT or SIGTERM stop it cleanly.
#include <csignal>
#include <cstdio>
#include <iostream>
#include <mutex>

#include <nlohmann/json.hpp>

#include "emulator/api_keys.hpp"
#include "emulator/cli_options.hpp"
#include "emulator/emulator_server.hpp"

int main(int argc, char** argv) {
  using namespace iiv::emulator;
  auto parsed = parse_cli(std::vector<std::string>(argv + 1, argv + argc));
  if (!parsed) {
    std::cerr << "iiv-stripe-emulator: " << parsed.error() << "\n" << usage_text();
    return 2;
  }
  CliOptions cli = std::move(parsed).value();
  if (cli.show_help) {
    std::cout << usage_text();
    return 0;
  }

  // Signals are taken by sigwait below, so every thread starts with them blocked.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  static std::mutex log_mutex;
  const bool quiet = cli.quiet;
  cli.emulator.log = [quiet](const std::string& line) {
    if (quiet) return;
    std::lock_guard<std::mutex> lock(log_mutex);
    std::cerr << "[emulator] " << line << "\n";
  };
  const bool builtin_keys = !cli.emulator.keys_file;

  try {
    EmulatorServer server(cli.emulator);
    server.start();
    const nlohmann::ordered_json listening{
        {"event", "listening"}, {"api_base", server.api_base()}, {"files_base", server.files_base()}};
    std::cout << listening.dump() << std::endl;
    {
      std::lock_guard<std::mutex> lock(log_mutex);
      std::cerr << "[emulator] API " << server.api_base() << ", files host " << server.files_base() << ", "
                << server.seed_session_count() << " seed sessions, "
                << (builtin_keys ? "built-in test keys" : "keys from the --keys file") << "\n";
    }
    int received = 0;
    sigwait(&stop_signals, &received);
    server.stop();
    std::lock_guard<std::mutex> lock(log_mutex);
    std::cerr << "[emulator] stopped (" << (received == SIGINT ? "SIGINT" : "SIGTERM") << ")\n";
  } catch (const std::exception& e) {
    std::cerr << "iiv-stripe-emulator: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
