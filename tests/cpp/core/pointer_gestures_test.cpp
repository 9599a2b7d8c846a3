#include "core/pointer_gestures.hpp"

#include <cmath>

#include <gtest/gtest.h>

namespace iiv {
namespace {

// A 400×300 image in a 500×400 CSS canvas at dpr 1: fitted at 1.25, drawn from y = 12.5.
ViewState fittedView(double dpr = 1) {
  ViewState view;
  view.setViewport(500, 400, dpr);
  view.setImageSize(400, 300);
  return view;
}

// The image point under a CSS point of the canvas.
Point imageUnder(const ViewState& view, double cssX, double cssY, double dpr = 1) {
  return view.canvasToImage(cssX * dpr, cssY * dpr);
}

void expectPoint(Point actual, Point expected, const char* what) {
  EXPECT_NEAR(actual.x, expected.x, 1e-6) << what;
  EXPECT_NEAR(actual.y, expected.y, 1e-6) << what;
}

constexpr bool kMouse = false;
constexpr bool kTouch = true;

TEST(PointerGestures, WheelUpOneNotchZoomsInByAQuarterAboutThePointer) {
  ViewState view = fittedView();
  PointerGestures gestures;
  const Point before = imageUnder(view, 120, 90);
  EXPECT_TRUE(gestures.wheel(view, -100, WheelUnit::Pixels, 120, 90, 400));
  EXPECT_NEAR(view.scale(), 1.25 * 1.25, 1e-12);
  expectPoint(imageUnder(view, 120, 90), before, "the point under the pointer stays under it");
  EXPECT_FALSE(view.isFitted());
}

TEST(PointerGestures, WheelDownZoomsOutAndSmallDeltasZoomProportionally) {
  EXPECT_NEAR(PointerGestures::wheelZoomFactor(100, WheelUnit::Pixels, 400), 1 / 1.25, 1e-12);
  EXPECT_NEAR(PointerGestures::wheelZoomFactor(-50, WheelUnit::Pixels, 400), std::sqrt(1.25), 1e-12);
  EXPECT_NEAR(PointerGestures::wheelZoomFactor(-3, WheelUnit::Lines, 400), std::pow(1.25, 0.48), 1e-12);
  // A page is the viewport's height, and no single event zooms more than five notches.
  EXPECT_NEAR(PointerGestures::wheelZoomFactor(-1, WheelUnit::Pages, 400), std::pow(1.25, 4), 1e-12);
  EXPECT_NEAR(PointerGestures::wheelZoomFactor(-1, WheelUnit::Pages, 2000), std::pow(1.25, 5), 1e-12);
  EXPECT_NEAR(PointerGestures::wheelZoomFactor(1e9, WheelUnit::Pixels, 400), std::pow(1.25, -5), 1e-12);
  EXPECT_EQ(PointerGestures::wheelZoomFactor(std::nan(""), WheelUnit::Pixels, 400), 1);
  EXPECT_EQ(PointerGestures::wheelZoomFactor(0, WheelUnit::Pixels, 400), 1);
}

TEST(PointerGestures, WheelAtTheZoomLimitReportsNoChange) {
  ViewState view = fittedView();
  PointerGestures gestures;
  for (int i = 0; i < 40; ++i) gestures.wheel(view, -500, WheelUnit::Pixels, 250, 200, 400);
  EXPECT_DOUBLE_EQ(view.scale(), kMaxZoomScale);
  EXPECT_FALSE(gestures.wheel(view, -100, WheelUnit::Pixels, 250, 200, 400));
}

TEST(PointerGestures, DragPansByThePointersMovementOnceItLeavesTheTapSlop) {
  ViewState view = fittedView();
  PointerGestures gestures;
  const Point grabbed = imageUnder(view, 100, 100);
  gestures.pointerDown(view, 1, 100, 100, 0, kMouse);
  EXPECT_FALSE(gestures.pointerMove(view, 1, 102, 101)) << "within the slop: still a click";
  EXPECT_TRUE(view.isFitted());
  EXPECT_TRUE(gestures.pointerMove(view, 1, 150, 120));
  expectPoint(imageUnder(view, 150, 120), grabbed, "the grabbed point follows the pointer, no distance lost");
  EXPECT_TRUE(gestures.pointerMove(view, 1, 90, 60));
  expectPoint(imageUnder(view, 90, 60), grabbed, "and keeps following it");
  EXPECT_FALSE(gestures.pointerUp(view, 1, 90, 60, 300));
  EXPECT_EQ(gestures.trackedPointers(), 0u);
  EXPECT_FALSE(view.isFitted());
}

TEST(PointerGestures, DragFollowsInCssPixelsAtAnyDevicePixelRatio) {
  ViewState view = fittedView(2);
  PointerGestures gestures;
  const Point grabbed = imageUnder(view, 200, 150, 2);
  gestures.pointerDown(view, 7, 200, 150, 0, kTouch);
  gestures.pointerMove(view, 7, 260, 190);
  expectPoint(imageUnder(view, 260, 190, 2), grabbed, "dpr 2");
}

TEST(PointerGestures, DoubleTapZoomsInTwiceAboutTheTapThenBackToFit) {
  ViewState view = fittedView();
  PointerGestures gestures;
  const double fit = view.scale();
  const Point secondTap = imageUnder(view, 309, 119);
  gestures.pointerDown(view, 1, 300, 120, 1000, kTouch);
  EXPECT_FALSE(gestures.pointerUp(view, 1, 300, 120, 1080)) << "one tap does nothing";
  gestures.pointerDown(view, 2, 306, 117, 1200, kTouch);
  gestures.pointerMove(view, 2, 309, 119);  // finger jitter within the touch slop
  EXPECT_TRUE(view.isFitted()) << "the jitter did not pan";
  EXPECT_TRUE(gestures.pointerUp(view, 2, 309, 119, 1260));
  EXPECT_NEAR(view.scale(), 2 * fit, 1e-12);
  expectPoint(imageUnder(view, 309, 119), secondTap, "zoomed about the second tap");

  gestures.pointerDown(view, 3, 200, 200, 2000, kMouse);
  gestures.pointerUp(view, 3, 200, 200, 2050);
  gestures.pointerDown(view, 4, 200, 200, 2150, kMouse);
  EXPECT_TRUE(gestures.pointerUp(view, 4, 200, 200, 2200));
  EXPECT_TRUE(view.isFitted());
  EXPECT_DOUBLE_EQ(view.scale(), fit);
}

TEST(PointerGestures, TapsTooFarApartInTimeOrPlaceOrTooLongAreNotADoubleTap) {
  ViewState view = fittedView();
  PointerGestures gestures;
  auto tap = [&](int id, double x, double y, double downMs, double upMs) {
    gestures.pointerDown(view, id, x, y, downMs, kTouch);
    return gestures.pointerUp(view, id, x, y, upMs);
  };
  tap(1, 100, 100, 0, 50);
  EXPECT_FALSE(tap(2, 100, 100, 450, 500)) << "too late";
  EXPECT_FALSE(tap(3, 160, 100, 600, 650)) << "too far from the previous tap";
  EXPECT_FALSE(tap(4, 160, 100, 700, 1300)) << "a long press is not a tap";
  EXPECT_FALSE(tap(5, 160, 100, 1400, 1450)) << "the long press did not count as a first tap";
  EXPECT_TRUE(view.isFitted());
}

TEST(PointerGestures, ADragIsNeverHalfOfADoubleTap) {
  ViewState view = fittedView();
  PointerGestures gestures;
  gestures.pointerDown(view, 1, 100, 100, 0, kMouse);
  gestures.pointerUp(view, 1, 100, 100, 40);
  gestures.pointerDown(view, 2, 100, 100, 100, kMouse);
  gestures.pointerMove(view, 2, 140, 100);
  gestures.pointerUp(view, 2, 140, 100, 160);
  const double scaleAfterDrag = view.scale();
  EXPECT_DOUBLE_EQ(scaleAfterDrag, fittedView().scale()) << "a drag pans, it does not zoom";
}

TEST(PointerGestures, PinchZoomsAboutTheMidpointOfTheFingers) {
  ViewState view = fittedView();
  PointerGestures gestures;
  const Point between = imageUnder(view, 250, 200);
  const double fit = view.scale();
  gestures.pointerDown(view, 1, 200, 200, 0, kTouch);
  gestures.pointerDown(view, 2, 300, 200, 5, kTouch);
  EXPECT_TRUE(gestures.pointerMove(view, 1, 150, 200));
  EXPECT_TRUE(gestures.pointerMove(view, 2, 350, 200));
  EXPECT_NEAR(view.scale(), 2 * fit, 1e-9) << "the fingers' distance doubled";
  expectPoint(imageUnder(view, 250, 200), between, "the point between the fingers stays between them");
  EXPECT_FALSE(gestures.pointerUp(view, 1, 150, 200, 300)) << "a pinch is never a tap";
  EXPECT_FALSE(gestures.pointerUp(view, 2, 350, 200, 310));
}

TEST(PointerGestures, TwoFingersMovingTogetherPanWithoutZooming) {
  ViewState view = fittedView();
  PointerGestures gestures;
  const Point between = imageUnder(view, 250, 200);
  gestures.pointerDown(view, 1, 200, 200, 0, kTouch);
  gestures.pointerDown(view, 2, 300, 200, 0, kTouch);
  gestures.pointerMove(view, 1, 230, 190);
  gestures.pointerMove(view, 2, 330, 190);
  EXPECT_NEAR(view.scale(), fittedView().scale(), 1e-9);
  expectPoint(imageUnder(view, 280, 190), between, "the content moved with the fingers");
}

TEST(PointerGestures, TheFingerLeftAfterAPinchPansFromWhereItIs) {
  ViewState view = fittedView();
  PointerGestures gestures;
  gestures.pointerDown(view, 1, 200, 200, 0, kTouch);
  gestures.pointerDown(view, 2, 300, 200, 0, kTouch);
  gestures.pointerMove(view, 2, 400, 200);
  gestures.pointerUp(view, 2, 400, 200, 100);
  const Point held = imageUnder(view, 200, 200);
  EXPECT_TRUE(gestures.pointerMove(view, 1, 220, 230));
  expectPoint(imageUnder(view, 220, 230), held, "no jump when the pinch turns into a drag");
}

TEST(PointerGestures, AThirdPointerAndUnknownPointersChangeNothing) {
  ViewState view = fittedView();
  PointerGestures gestures;
  gestures.pointerDown(view, 1, 200, 200, 0, kTouch);
  gestures.pointerDown(view, 2, 300, 200, 0, kTouch);
  gestures.pointerDown(view, 3, 100, 100, 0, kTouch);
  EXPECT_EQ(gestures.trackedPointers(), 2u);
  EXPECT_FALSE(gestures.pointerMove(view, 3, 10, 10));
  EXPECT_FALSE(gestures.pointerMove(view, 99, 10, 10));
  EXPECT_FALSE(gestures.pointerUp(view, 99, 10, 10, 10));
  EXPECT_TRUE(view.isFitted());
}

TEST(PointerGestures, EachGestureCanBeSwitchedOff) {
  GestureOptions none;
  none.wheelZoom = none.dragPan = none.pinchZoom = none.doubleTapZoom = false;
  ViewState view = fittedView();
  PointerGestures gestures(none);
  EXPECT_FALSE(gestures.wheel(view, -100, WheelUnit::Pixels, 100, 100, 400));
  gestures.pointerDown(view, 1, 100, 100, 0, kMouse);
  EXPECT_FALSE(gestures.pointerMove(view, 1, 200, 150));
  gestures.pointerUp(view, 1, 200, 150, 50);
  gestures.pointerDown(view, 2, 100, 100, 100, kMouse);
  gestures.pointerUp(view, 2, 100, 100, 120);
  gestures.pointerDown(view, 3, 100, 100, 200, kMouse);
  EXPECT_FALSE(gestures.pointerUp(view, 3, 100, 100, 220));
  gestures.pointerDown(view, 4, 200, 200, 300, kTouch);
  gestures.pointerDown(view, 5, 300, 200, 300, kTouch);
  EXPECT_FALSE(gestures.pointerMove(view, 5, 400, 250));
  EXPECT_TRUE(view.isFitted());
  EXPECT_DOUBLE_EQ(view.scale(), fittedView().scale());
}

TEST(PointerGestures, ACancelledPointerIsForgottenAndIsNoTap) {
  ViewState view = fittedView();
  PointerGestures gestures;
  gestures.pointerDown(view, 1, 100, 100, 0, kTouch);
  gestures.pointerUp(view, 1, 100, 100, 40);
  gestures.pointerDown(view, 2, 100, 100, 100, kTouch);
  gestures.pointerCancel(2);
  EXPECT_EQ(gestures.trackedPointers(), 0u);
  EXPECT_FALSE(gestures.pointerUp(view, 2, 100, 100, 140));
  EXPECT_TRUE(view.isFitted());
}

TEST(PointerGestures, ResetForgetsPointersAndTheLastTap) {
  ViewState view = fittedView();
  PointerGestures gestures;
  gestures.pointerDown(view, 1, 100, 100, 0, kTouch);
  gestures.pointerUp(view, 1, 100, 100, 40);
  gestures.pointerDown(view, 2, 100, 100, 100, kTouch);
  gestures.reset();
  EXPECT_EQ(gestures.trackedPointers(), 0u);
  gestures.pointerDown(view, 3, 100, 100, 150, kTouch);
  EXPECT_FALSE(gestures.pointerUp(view, 3, 100, 100, 190)) << "the tap before the reset is forgotten";
  EXPECT_TRUE(view.isFitted());
}

TEST(PointerGestures, IgnoresNonFiniteCoordinates) {
  ViewState view = fittedView();
  PointerGestures gestures;
  EXPECT_FALSE(gestures.pointerDown(view, 1, std::nan(""), 0, 0, kMouse));
  EXPECT_EQ(gestures.trackedPointers(), 0u);
  EXPECT_FALSE(gestures.wheel(view, -100, WheelUnit::Pixels, INFINITY, 0, 400));
  gestures.pointerDown(view, 1, 10, 10, 0, kMouse);
  EXPECT_FALSE(gestures.pointerMove(view, 1, std::nan(""), 50));
  EXPECT_TRUE(view.isFitted());
}

}  // namespace
}  // namespace iiv
