#include "core/pointer_gestures.hpp"

#include <algorithm>
#include <cmath>

namespace iiv {
namespace {

double distance(Point a, Point b) { return std::hypot(a.x - b.x, a.y - b.y); }
Point midpoint(Point a, Point b) { return Point{(a.x + b.x) / 2, (a.y + b.y) / 2}; }
bool isFinitePoint(double x, double y) { return std::isfinite(x) && std::isfinite(y); }

}  // namespace

PointerGestures::PointerGestures(GestureOptions options) : options_(options) {}

double PointerGestures::wheelZoomFactor(double deltaY, WheelUnit unit, double viewportCssHeight) {
  if (!std::isfinite(deltaY)) return 1;
  double pixels = deltaY;
  if (unit == WheelUnit::Lines) pixels *= kPixelsPerWheelLine;
  if (unit == WheelUnit::Pages) {
    pixels *=
        (std::isfinite(viewportCssHeight) && viewportCssHeight > 0) ? viewportCssHeight : kLargestWheelDeltaPixels;
  }
  pixels = std::clamp(pixels, -kLargestWheelDeltaPixels, kLargestWheelDeltaPixels);
  // Wheel down (positive delta) zooms out, as in maps and image viewers.
  return std::pow(kWheelZoomPerNotch, -pixels / kPixelsPerWheelNotch);
}

PointerGestures::Tracked* PointerGestures::find(int pointerId) {
  for (std::size_t i = 0; i < count_; ++i) {
    if (pointers_[i].id == pointerId) return &pointers_[i];
  }
  return nullptr;
}

void PointerGestures::forget(int pointerId) {
  for (std::size_t i = 0; i < count_; ++i) {
    if (pointers_[i].id != pointerId) continue;
    if (i + 1 < count_) pointers_[i] = pointers_[count_ - 1];
    --count_;
    break;
  }
  // The finger left on the glass after a pinch pans from where it is now, not from
  // where it was when the pinch began.
  if (count_ == 1) pointers_[0].appliedFrom = pointers_[0].position;
}

bool PointerGestures::pointerDown(ViewState& /*view*/, int pointerId, double x, double y, double timeMs, bool isTouch) {
  if (!isFinitePoint(x, y) || find(pointerId) != nullptr || count_ == pointers_.size()) return false;
  if (count_ == 0) {
    gestureStartMs_ = timeMs;
    tapSlop_ = isTouch ? kTapSlopTouch : kTapSlopMouse;
    beyondTapSlop_ = false;
    usedTwoPointers_ = false;
  } else {
    usedTwoPointers_ = true;  // a pinch is never a tap
    pointers_[0].appliedFrom = pointers_[0].position;
  }
  const Point at{x, y};
  pointers_[count_++] = Tracked{pointerId, at, at, at};
  return false;
}

bool PointerGestures::dragBy(ViewState& view, Tracked& pointer) {
  const double dx = pointer.position.x - pointer.appliedFrom.x;
  const double dy = pointer.position.y - pointer.appliedFrom.y;
  pointer.appliedFrom = pointer.position;
  if (!options_.dragPan || (dx == 0 && dy == 0)) return false;
  view.panBy(dx, dy);
  return true;
}

bool PointerGestures::pinchTo(ViewState& view, std::size_t moved, Point newPosition) {
  const Point other = pointers_[1 - moved].position;
  const Point oldPosition = pointers_[moved].position;
  pointers_[moved].position = newPosition;
  pointers_[moved].appliedFrom = newPosition;
  if (!options_.pinchZoom) return false;

  const double oldDistance = distance(oldPosition, other);
  const double newDistance = distance(newPosition, other);
  const Point oldMid = midpoint(oldPosition, other);
  const Point newMid = midpoint(newPosition, other);
  bool changed = false;
  // Zoom about where the fingers' midpoint was, then move that point to where it is:
  // the image point between the fingers stays between them.
  if (oldDistance > 0 && newDistance > 0 && newDistance != oldDistance) {
    const double before = view.scale();
    view.zoomBy(newDistance / oldDistance, oldMid.x, oldMid.y);
    changed = view.scale() != before;
  }
  if (newMid.x != oldMid.x || newMid.y != oldMid.y) {
    view.panBy(newMid.x - oldMid.x, newMid.y - oldMid.y);
    changed = true;
  }
  return changed;
}

bool PointerGestures::pointerMove(ViewState& view, int pointerId, double x, double y) {
  Tracked* pointer = find(pointerId);
  if (pointer == nullptr || !isFinitePoint(x, y)) return false;
  const Point at{x, y};
  if (count_ == 2) return pinchTo(view, static_cast<std::size_t>(pointer - pointers_.data()), at);

  pointer->position = at;
  if (!beyondTapSlop_) {
    // Until the pointer has clearly moved this is still a tap (or the first half of a
    // double tap), and the view stays put: a jitter would leave the fitted view.
    if (distance(at, pointer->downAt) <= tapSlop_) return false;
    beyondTapSlop_ = true;
  }
  return dragBy(view, *pointer);
}

bool PointerGestures::tapEnded(ViewState& view, Point at, double timeMs) {
  if (!options_.doubleTapZoom) return false;
  const bool isSecondTap =
      lastTap_ && timeMs - lastTap_->timeMs <= kDoubleTapWithinMs && distance(at, lastTap_->at) <= kDoubleTapWithinCss;
  if (!isSecondTap) {
    lastTap_ = Tap{at, timeMs};
    return false;
  }
  lastTap_.reset();
  if (!view.isFitted()) {
    view.fit();
    return true;
  }
  const double before = view.scale();
  view.zoomBy(kDoubleTapZoomFactor, at.x, at.y);
  return view.scale() != before;
}

bool PointerGestures::pointerUp(ViewState& view, int pointerId, double x, double y, double timeMs) {
  if (find(pointerId) == nullptr) return false;
  bool changed = pointerMove(view, pointerId, x, y);
  forget(pointerId);
  if (count_ > 0) return changed;
  const bool wasTap = !usedTwoPointers_ && !beyondTapSlop_ && timeMs - gestureStartMs_ <= kLongestTapMs;
  if (wasTap && isFinitePoint(x, y)) changed = tapEnded(view, Point{x, y}, timeMs) || changed;
  return changed;
}

void PointerGestures::pointerCancel(int pointerId) {
  if (find(pointerId) == nullptr) return;
  beyondTapSlop_ = true;  // what the browser took over is not a tap
  forget(pointerId);
}

bool PointerGestures::wheel(ViewState& view, double deltaY, WheelUnit unit, double x, double y,
                            double viewportCssHeight) {
  if (!options_.wheelZoom || !isFinitePoint(x, y)) return false;
  const double factor = wheelZoomFactor(deltaY, unit, viewportCssHeight);
  if (factor == 1) return false;
  const double before = view.scale();
  view.zoomBy(factor, x, y);
  return view.scale() != before;
}

void PointerGestures::reset() {
  count_ = 0;
  beyondTapSlop_ = false;
  usedTwoPointers_ = false;
  lastTap_.reset();
}

}  // namespace iiv
