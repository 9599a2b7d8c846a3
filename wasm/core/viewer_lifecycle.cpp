#include "core/viewer_lifecycle.hpp"

#include <algorithm>

namespace iiv {

ViewerLifecycle::ViewerLifecycle(LifecycleOptions options) : options_(options) {
  options_.inactivityMs = std::max<std::int64_t>(0, options_.inactivityMs);
  options_.viewingWindowMs = std::max<std::int64_t>(0, options_.viewingWindowMs);
}

void ViewerLifecycle::startAttempt(std::int64_t nowMs) {
  state_ = LifecycleState::Loading;
  lastActivityMs_ = nowMs;
  lastClearReason_.clear();
  failure_.reset();
}

void ViewerLifecycle::show(std::int64_t nowMs) {
  if (state_ == LifecycleState::Destroyed) return;
  startAttempt(nowMs);
  refreshUsed_ = false;
  windowStartMs_.reset();
}

void ViewerLifecycle::showFromRefresh(std::int64_t nowMs) {
  if (state_ == LifecycleState::Destroyed) return;
  startAttempt(nowMs);  // the viewing window, if it started, keeps running
}

bool ViewerLifecycle::loaded(std::int64_t nowMs) {
  if (!isActive()) return false;
  state_ = LifecycleState::Shown;
  lastActivityMs_ = nowMs;
  if (!windowStartMs_) windowStartMs_ = nowMs;
  return true;
}

void ViewerLifecycle::failed(ErrorCode code) {
  if (!isActive()) return;  // a late failure after a clear changes nothing
  state_ = LifecycleState::Failed;
  failure_ = code;
}

ExpiredLinkAction ViewerLifecycle::linkExpired() {
  if (isActive() && !refreshUsed_) {
    refreshUsed_ = true;
    return ExpiredLinkAction::Refresh;
  }
  failed(ErrorCode::LinkExpired);
  return ExpiredLinkAction::Fail;
}

void ViewerLifecycle::activity(std::int64_t nowMs) {
  if (isActive()) lastActivityMs_ = std::max(lastActivityMs_, nowMs);
}

bool ViewerLifecycle::visibilityHidden(std::int64_t /*nowMs*/) {
  if (!options_.clearOnHidden || !isActive()) return false;
  clear(clear_reason::kHidden);
  return true;
}

bool ViewerLifecycle::pageHide() {
  // Always clear on pagehide: the page may be restored from the back/forward cache.
  clear(clear_reason::kPageHide);
  return true;
}

std::optional<std::int64_t> ViewerLifecycle::inactivityDeadline() const {
  if (!isActive() || options_.inactivityMs == 0) return std::nullopt;
  return lastActivityMs_ + options_.inactivityMs;
}

std::optional<std::int64_t> ViewerLifecycle::windowDeadline() const {
  if (!isActive() || options_.viewingWindowMs == 0 || !windowStartMs_) return std::nullopt;
  return *windowStartMs_ + options_.viewingWindowMs;
}

std::string_view ViewerLifecycle::tick(std::int64_t nowMs) {
  const auto window = windowDeadline();
  const auto inactivity = inactivityDeadline();
  const bool windowDue = window && nowMs >= *window;
  const bool inactivityDue = inactivity && nowMs >= *inactivity;
  // When both are due, report the one that came first (the window on a tie).
  if (windowDue && (!inactivityDue || *window <= *inactivity)) {
    clear(clear_reason::kWindowEnded);
    return clear_reason::kWindowEnded;
  }
  if (inactivityDue) {
    clear(clear_reason::kInactivity);
    return clear_reason::kInactivity;
  }
  return "";
}

std::int64_t ViewerLifecycle::nextDeadlineMs(std::int64_t nowMs) const {
  std::optional<std::int64_t> next;
  for (const auto& deadline : {windowDeadline(), inactivityDeadline()}) {
    if (deadline && (!next || *deadline < *next)) next = deadline;
  }
  if (!next) return -1;
  return std::max<std::int64_t>(0, *next - nowMs);
}

void ViewerLifecycle::clear(std::string_view reason) {
  // Idempotent: the first reason is the one reported; idle/failed still move to
  // cleared so the caller's wipe is always recorded.
  if (state_ == LifecycleState::Destroyed || state_ == LifecycleState::Cleared) return;
  state_ = LifecycleState::Cleared;
  lastClearReason_ = std::string(reason);
}

void ViewerLifecycle::destroy() {
  if (state_ == LifecycleState::Destroyed) return;
  if (state_ != LifecycleState::Cleared) lastClearReason_ = std::string(clear_reason::kDestroyed);
  state_ = LifecycleState::Destroyed;
}

}  // namespace iiv
