#include "core/viewer_lifecycle.hpp"

#include <gtest/gtest.h>

namespace iiv {
namespace {

// A fake clock: tests move time by hand, nothing sleeps.
struct FakeClock {
  std::int64_t nowMs = 1'000'000;
  std::int64_t advance(std::int64_t ms) { return nowMs += ms; }
};

std::string stateOf(const ViewerLifecycle& life) { return std::string(lifecycleStateName(life.state())); }

LifecycleOptions options(std::int64_t inactivityMs, std::int64_t viewingWindowMs, bool clearOnHidden = true) {
  LifecycleOptions result;
  result.inactivityMs = inactivityMs;
  result.viewingWindowMs = viewingWindowMs;
  result.clearOnHidden = clearOnHidden;
  return result;
}

TEST(ViewerLifecycle, GoesFromIdleThroughLoadingToShown) {
  FakeClock clock;
  ViewerLifecycle life(options(0, 0));
  EXPECT_EQ(stateOf(life), "idle");
  life.show(clock.nowMs);
  EXPECT_EQ(stateOf(life), "loading");
  EXPECT_TRUE(life.loaded(clock.advance(50)));
  EXPECT_EQ(stateOf(life), "shown");
  EXPECT_TRUE(life.loaded(clock.advance(10))) << "a second image of the same show";
  EXPECT_EQ(stateOf(life), "shown");
  EXPECT_EQ(life.lastClearReason(), "");
}

TEST(ViewerLifecycle, ALoadAfterAClearMustNotBeShown) {
  FakeClock clock;
  ViewerLifecycle life(options(0, 0));
  EXPECT_FALSE(life.loaded(clock.nowMs)) << "nothing was asked for";
  life.show(clock.nowMs);
  life.clear("user");
  EXPECT_FALSE(life.loaded(clock.advance(5)));
  EXPECT_EQ(stateOf(life), "cleared");
}

TEST(ViewerLifecycle, FailureIsRecordedAndLateOnesAreIgnored) {
  FakeClock clock;
  ViewerLifecycle life(options(0, 0));
  life.show(clock.nowMs);
  life.failed(ErrorCode::NotAnImage);
  EXPECT_EQ(stateOf(life), "failed");
  ASSERT_TRUE(life.failure().has_value());
  EXPECT_EQ(*life.failure(), ErrorCode::NotAnImage);
  EXPECT_FALSE(life.loaded(clock.advance(1)));

  life.show(clock.advance(1));
  EXPECT_FALSE(life.failure().has_value()) << "a new show starts clean";
  life.clear("user");
  life.failed(ErrorCode::Timeout);
  EXPECT_EQ(stateOf(life), "cleared");
  EXPECT_FALSE(life.failure().has_value());
}

TEST(ViewerLifecycle, AnExpiredLinkIsRefreshedOncePerShowNeverLooped) {
  FakeClock clock;
  ViewerLifecycle life(options(0, 0));
  life.show(clock.nowMs);
  EXPECT_EQ(life.linkExpired(), ExpiredLinkAction::Refresh);
  EXPECT_EQ(stateOf(life), "loading");
  life.showFromRefresh(clock.advance(100));
  EXPECT_EQ(life.linkExpired(), ExpiredLinkAction::Fail);
  EXPECT_EQ(stateOf(life), "failed");
  EXPECT_EQ(life.failure(), ErrorCode::LinkExpired);
  // However often the page retries from a refresh, the allowance is not renewed.
  life.showFromRefresh(clock.advance(100));
  EXPECT_EQ(life.linkExpired(), ExpiredLinkAction::Fail);
}

TEST(ViewerLifecycle, ANewShowGrantsANewRefresh) {
  FakeClock clock;
  ViewerLifecycle life(options(0, 0));
  life.show(clock.nowMs);
  EXPECT_EQ(life.linkExpired(), ExpiredLinkAction::Refresh);
  life.showFromRefresh(clock.advance(10));
  EXPECT_EQ(life.linkExpired(), ExpiredLinkAction::Fail);
  life.show(clock.advance(10));
  EXPECT_EQ(life.linkExpired(), ExpiredLinkAction::Refresh);
}

TEST(ViewerLifecycle, AnExpiredLinkWhenNothingIsLoadingFails) {
  ViewerLifecycle life(options(0, 0));
  EXPECT_EQ(life.linkExpired(), ExpiredLinkAction::Fail);
  EXPECT_EQ(stateOf(life), "idle");
}

TEST(ViewerLifecycle, ClearsAfterInactivity) {
  FakeClock clock;
  ViewerLifecycle life(options(60'000, 0));
  life.show(clock.nowMs);
  life.loaded(clock.advance(500));
  EXPECT_EQ(life.nextDeadlineMs(clock.nowMs), 60'000);
  EXPECT_EQ(life.tick(clock.advance(59'999)), "");
  EXPECT_EQ(life.nextDeadlineMs(clock.nowMs), 1);
  EXPECT_EQ(life.tick(clock.advance(1)), "inactivity");
  EXPECT_EQ(stateOf(life), "cleared");
  EXPECT_EQ(life.lastClearReason(), "inactivity");
  EXPECT_EQ(life.nextDeadlineMs(clock.nowMs), -1);
  EXPECT_EQ(life.tick(clock.advance(100'000)), "") << "clears once";
}

TEST(ViewerLifecycle, ActivityPostponesTheInactivityClear) {
  FakeClock clock;
  ViewerLifecycle life(options(1000, 0));
  life.show(clock.nowMs);
  life.loaded(clock.nowMs);
  for (int i = 0; i < 10; ++i) {
    life.activity(clock.advance(900));
    EXPECT_EQ(life.tick(clock.nowMs), "");
  }
  EXPECT_EQ(life.nextDeadlineMs(clock.nowMs), 1000);
  // Activity reported out of order never moves the deadline back.
  life.activity(clock.nowMs - 500);
  EXPECT_EQ(life.nextDeadlineMs(clock.nowMs), 1000);
  EXPECT_EQ(life.tick(clock.advance(1000)), "inactivity");
}

TEST(ViewerLifecycle, InactivityAlsoCountsWhileLoading) {
  FakeClock clock;
  ViewerLifecycle life(options(1000, 0));
  life.show(clock.nowMs);
  EXPECT_EQ(life.nextDeadlineMs(clock.nowMs), 1000);
  EXPECT_EQ(life.tick(clock.advance(1000)), "inactivity");
  EXPECT_FALSE(life.loaded(clock.advance(1)));
}

TEST(ViewerLifecycle, TheViewingWindowStartsAtTheFirstLoad) {
  FakeClock clock;
  ViewerLifecycle life(options(0, 30'000));
  life.show(clock.nowMs);
  EXPECT_EQ(life.nextDeadlineMs(clock.nowMs), -1) << "no window before anything is shown";
  EXPECT_EQ(life.tick(clock.advance(40'000)), "") << "a slow load does not eat the window";
  life.loaded(clock.nowMs);
  life.loaded(clock.advance(5'000));  // a later image does not restart it
  life.activity(clock.nowMs);         // activity does not extend it
  EXPECT_EQ(life.nextDeadlineMs(clock.nowMs), 25'000);
  EXPECT_EQ(life.tick(clock.advance(24'999)), "");
  EXPECT_EQ(life.tick(clock.advance(1)), "window_ended");
  EXPECT_EQ(stateOf(life), "cleared");
  EXPECT_EQ(life.lastClearReason(), "window_ended");
}

TEST(ViewerLifecycle, ARefreshKeepsTheRunningWindowButANewShowRestartsIt) {
  FakeClock clock;
  ViewerLifecycle life(options(0, 10'000));
  life.show(clock.nowMs);
  life.loaded(clock.nowMs);
  clock.advance(6'000);
  EXPECT_EQ(life.linkExpired(), ExpiredLinkAction::Refresh);
  life.showFromRefresh(clock.nowMs);
  life.loaded(clock.advance(1'000));
  EXPECT_EQ(life.nextDeadlineMs(clock.nowMs), 3'000);

  life.show(clock.advance(100));
  life.loaded(clock.nowMs);
  EXPECT_EQ(life.nextDeadlineMs(clock.nowMs), 10'000);
}

TEST(ViewerLifecycle, WhenBothTimersAreDueTheEarlierOneIsTheReason) {
  FakeClock clock;
  ViewerLifecycle life(options(5'000, 8'000));
  life.show(clock.nowMs);
  life.loaded(clock.nowMs);
  EXPECT_EQ(life.nextDeadlineMs(clock.nowMs), 5'000);
  EXPECT_EQ(life.tick(clock.advance(20'000)), "inactivity");

  ViewerLifecycle busy(options(5'000, 8'000));
  busy.show(clock.nowMs);
  busy.loaded(clock.nowMs);
  busy.activity(clock.advance(4'000));
  EXPECT_EQ(busy.nextDeadlineMs(clock.nowMs), 4'000) << "window ends before inactivity now";
  EXPECT_EQ(busy.tick(clock.advance(10'000)), "window_ended");
}

TEST(ViewerLifecycle, TimersAreOffWhenZero) {
  FakeClock clock;
  ViewerLifecycle life(options(0, 0));
  life.show(clock.nowMs);
  life.loaded(clock.nowMs);
  EXPECT_EQ(life.nextDeadlineMs(clock.nowMs), -1);
  EXPECT_EQ(life.tick(clock.advance(365LL * 24 * 3600 * 1000)), "");
  EXPECT_EQ(stateOf(life), "shown");

  ViewerLifecycle negative(options(-5, -5));
  negative.show(clock.nowMs);
  EXPECT_EQ(negative.nextDeadlineMs(clock.nowMs), -1);
}

TEST(ViewerLifecycle, HidingThePageClearsWhenAskedTo) {
  FakeClock clock;
  ViewerLifecycle life(options(0, 0, true));
  EXPECT_FALSE(life.visibilityHidden(clock.nowMs)) << "nothing shown, nothing to clear";
  life.show(clock.nowMs);
  life.loaded(clock.nowMs);
  EXPECT_TRUE(life.visibilityHidden(clock.advance(10)));
  EXPECT_EQ(stateOf(life), "cleared");
  EXPECT_EQ(life.lastClearReason(), "hidden");
  EXPECT_FALSE(life.visibilityHidden(clock.advance(10))) << "already cleared";

  ViewerLifecycle keep(options(0, 0, false));
  keep.show(clock.nowMs);
  keep.loaded(clock.nowMs);
  EXPECT_FALSE(keep.visibilityHidden(clock.nowMs));
  EXPECT_EQ(stateOf(keep), "shown");
}

TEST(ViewerLifecycle, PageHideAlwaysClears) {
  FakeClock clock;
  ViewerLifecycle life(options(0, 0, false));
  life.show(clock.nowMs);
  life.loaded(clock.nowMs);
  EXPECT_TRUE(life.pageHide());
  EXPECT_EQ(stateOf(life), "cleared");
  EXPECT_EQ(life.lastClearReason(), "pagehide");
  EXPECT_TRUE(life.pageHide());
}

TEST(ViewerLifecycle, ClearKeepsTheFirstReasonAndShowStartsOver) {
  FakeClock clock;
  ViewerLifecycle life(options(1000, 0));
  life.show(clock.nowMs);
  life.loaded(clock.nowMs);
  life.clear("user");
  life.clear("other");
  EXPECT_EQ(life.lastClearReason(), "user");
  EXPECT_EQ(life.nextDeadlineMs(clock.nowMs), -1);
  life.show(clock.advance(5));
  EXPECT_EQ(stateOf(life), "loading");
  EXPECT_EQ(life.lastClearReason(), "");
  EXPECT_EQ(life.nextDeadlineMs(clock.nowMs), 1000);
}

TEST(ViewerLifecycle, DestroyIsFinal) {
  FakeClock clock;
  ViewerLifecycle life(options(1000, 1000));
  life.show(clock.nowMs);
  life.loaded(clock.nowMs);
  life.destroy();
  EXPECT_EQ(stateOf(life), "destroyed");
  EXPECT_EQ(life.lastClearReason(), "destroyed");
  life.show(clock.nowMs);
  life.showFromRefresh(clock.nowMs);
  EXPECT_FALSE(life.loaded(clock.nowMs));
  life.clear("user");
  EXPECT_FALSE(life.visibilityHidden(clock.nowMs));
  EXPECT_TRUE(life.pageHide());
  EXPECT_EQ(life.tick(clock.advance(5000)), "");
  EXPECT_EQ(life.nextDeadlineMs(clock.nowMs), -1);
  EXPECT_EQ(life.linkExpired(), ExpiredLinkAction::Fail);
  EXPECT_EQ(stateOf(life), "destroyed");
  EXPECT_EQ(life.lastClearReason(), "destroyed");
}

TEST(ViewerLifecycle, DestroyAfterAClearKeepsThatReason) {
  ViewerLifecycle life(options(0, 0));
  life.show(0);
  life.clear("window_ended");
  life.destroy();
  EXPECT_EQ(life.lastClearReason(), "window_ended");
}

}  // namespace
}  // namespace iiv
