#pragma once
// The running emulator: the API (and /_emulator/ admin) on one port, the files host on
// another, both on a loopback address unless explicitly forced otherwise. Used by the
// iiv-stripe-emulator program and, in-process, by tests (port 0, then api_base()).
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "emulator/runtime_config.hpp"

namespace iiv::emulator {

struct EmulatorOptions {
  std::string host = "127.0.0.1";
  int api_port = 0;    // 0: any free port
  int files_port = 0;  // 0: any free port
  bool allow_non_loopback = false;
  RuntimeConfig runtime;
  std::optional<std::string> keys_file;  // none: the built-in keys
  std::uint64_t fault_seed = 20240601;
  bool warm_images = true;  // render the seed images in the background after start
  // Receives one line per request and event (never a key, at most its masked form);
  // none: nothing is logged.
  std::function<void(const std::string&)> log;
};

class EmulatorServer {
 public:
  // Throws std::invalid_argument for a non-loopback host that was not forced, KeyFileError
  // for an unusable key file.
  explicit EmulatorServer(EmulatorOptions options);
  ~EmulatorServer();
  EmulatorServer(const EmulatorServer&) = delete;
  EmulatorServer& operator=(const EmulatorServer&) = delete;

  // Binds both ports and starts serving; throws std::runtime_error when a port cannot be bound.
  void start();
  // Stops both servers and waits for their threads. Idempotent.
  void stop();

  int api_port() const;
  int files_port() const;
  std::string api_base() const;    // "http://127.0.0.1:P"
  std::string files_base() const;  // "http://127.0.0.1:Q"
  std::size_t seed_session_count() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace iiv::emulator
