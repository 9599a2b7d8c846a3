#pragma once
// When the viewer must clear what it shows (inactivity, end of the viewing window,
// page hidden, page hide) and how it reacts to an expired link: ask for one fresh
// bundle per show, never loop. Time is passed in by the caller (milliseconds), so the
// machine is tested with a fake clock.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error_code.hpp"

namespace iiv {

enum class LifecycleState { Idle, Loading, Shown, Cleared, Failed, Destroyed };
constexpr std::string_view lifecycleStateName(LifecycleState state) {
  switch (state) {
    case LifecycleState::Idle: return "idle";
    case LifecycleState::Loading: return "loading";
    case LifecycleState::Shown: return "shown";
    case LifecycleState::Cleared: return "cleared";
    case LifecycleState::Failed: return "failed";
    case LifecycleState::Destroyed: return "destroyed";
  }
  return "unknown";
}

// Reasons the machine itself clears for; callers may pass their own to clear().
namespace clear_reason {
inline constexpr std::string_view kInactivity = "inactivity";
inline constexpr std::string_view kWindowEnded = "window_ended";
inline constexpr std::string_view kHidden = "hidden";
inline constexpr std::string_view kPageHide = "pagehide";
inline constexpr std::string_view kDestroyed = "destroyed";
}  // namespace clear_reason

enum class ExpiredLinkAction { Refresh, Fail };

struct LifecycleOptions {
  std::int64_t inactivityMs = 0;     // 0 = never clear for inactivity
  std::int64_t viewingWindowMs = 0;  // 0 = no viewing window
  bool clearOnHidden = true;
};

class ViewerLifecycle {
 public:
  explicit ViewerLifecycle(LifecycleOptions options);

  // A new show attempt from the embedding page: grants one refresh for expired links.
  void show(std::int64_t nowMs);
  // The attempt that follows a 'refresh': the refresh allowance is not renewed.
  void showFromRefresh(std::int64_t nowMs);
  // An image is on the canvas. Returns false when it must not be shown (cleared,
  // failed or destroyed meanwhile); then the caller wipes it at once.
  bool loaded(std::int64_t nowMs);
  void failed(ErrorCode code);
  ExpiredLinkAction linkExpired();
  void activity(std::int64_t nowMs);
  // Returns whether the caller must clear now (the machine has cleared already).
  bool visibilityHidden(std::int64_t nowMs);
  bool pageHide();
  // The reason to clear now ("" if none); when one is returned the machine has cleared.
  std::string_view tick(std::int64_t nowMs);
  // Milliseconds until tick() may return a reason, or -1 if no timer is running.
  std::int64_t nextDeadlineMs(std::int64_t nowMs) const;
  void clear(std::string_view reason);
  void destroy();

  LifecycleState state() const { return state_; }
  const std::string& lastClearReason() const { return lastClearReason_; }
  std::optional<ErrorCode> failure() const { return failure_; }

 private:
  bool isActive() const { return state_ == LifecycleState::Loading || state_ == LifecycleState::Shown; }
  void startAttempt(std::int64_t nowMs);
  std::optional<std::int64_t> inactivityDeadline() const;
  std::optional<std::int64_t> windowDeadline() const;

  LifecycleOptions options_;
  LifecycleState state_ = LifecycleState::Idle;
  bool refreshUsed_ = false;
  std::int64_t lastActivityMs_ = 0;
  std::optional<std::int64_t> windowStartMs_;
  std::string lastClearReason_;
  std::optional<ErrorCode> failure_;
};

}  // namespace iiv
