#pragma once
// Everything the emulator holds: sessions, reports, files (with their lazily rendered
// bytes) and the FileLinks it has issued. Thread-safe; answers copies, so a caller never
// holds a lock while it renders JSON or sends bytes.
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "emulator/identity_model.hpp"

namespace iiv::emulator {

struct SeedData {
  std::vector<VerificationSession> sessions;
  std::vector<VerificationReport> reports;
  std::vector<StoredFile> files;
};

class EmulatorStore {
 public:
  explicit EmulatorStore(SeedData seed);

  std::optional<VerificationSession> session(const std::string& id) const;
  std::optional<VerificationReport> report(const std::string& id) const;
  std::optional<StoredFile> file(const std::string& id) const;
  std::optional<FileLink> link(const std::string& id) const;

  // Newest first (created, then id), the order of Stripe's list endpoints.
  std::vector<VerificationSession> sessions_newest_first() const;
  std::vector<FileLink> links_for_file(const std::string& file_id) const;  // newest first
  std::vector<StoredFile> files() const;

  void add_link(FileLink link);

  enum class RedactOutcome { redaction_started, already_requested, not_found, still_processing };
  struct RedactResult {
    RedactOutcome outcome;
    std::optional<VerificationSession> session;  // after the change
  };
  // Starts redaction: finished (status "redacted") `delay_ms` after `now_ms`. A session that
  // still required input is canceled, as Stripe does.
  RedactResult request_redaction(const std::string& id, std::int64_t now_ms, std::int64_t delay_ms);

  enum class LinkState { unknown, expired, redacted, live };
  struct LinkLookup {
    LinkState state = LinkState::unknown;
    std::shared_ptr<const ImageContent> content;  // set when live
  };
  LinkLookup resolve_link_token(const std::string& token, std::int64_t now) const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, VerificationSession> sessions_;
  std::map<std::string, VerificationReport> reports_;
  std::map<std::string, StoredFile> files_;
  std::map<std::string, FileLink> links_;
  std::unordered_map<std::string, std::string> link_by_token_;
};

}  // namespace iiv::emulator
