#pragma once
// The gestures reviewers expect from an image viewer, turned into ViewState changes:
// wheel zoom about the pointer, drag to pan, pinch zoom and two-finger pan, and a
// double tap (or double click) that zooms in about the tapped point and, when zoomed,
// goes back to fit. The browser layer only forwards pointer and wheel events (CSS
// pixels from the canvas' top-left, timestamps in ms); every decision is made here.
#include <array>
#include <cstddef>
#include <optional>

#include "core/view_geometry.hpp"

namespace iiv {

struct GestureOptions {
  bool wheelZoom = true;
  bool dragPan = true;
  bool pinchZoom = true;  // and two-finger pan
  bool doubleTapZoom = true;
};

// How WheelEvent.deltaMode counts deltaY.
enum class WheelUnit { Pixels = 0, Lines = 1, Pages = 2 };

// One wheel notch (100 px in Chromium and Firefox) zooms by this factor, like the
// demo's zoom buttons; smaller trackpad deltas zoom proportionally less.
inline constexpr double kWheelZoomPerNotch = 1.25;
inline constexpr double kPixelsPerWheelNotch = 100;
inline constexpr double kPixelsPerWheelLine = 16;
// A page-sized wheel delta (or a runaway one) zooms no more than five notches at once.
inline constexpr double kLargestWheelDeltaPixels = 500;
inline constexpr double kDoubleTapZoomFactor = 2;
// A tap moves less than this (CSS px): fingers jitter more than a mouse.
inline constexpr double kTapSlopMouse = 4;
inline constexpr double kTapSlopTouch = 10;
inline constexpr double kLongestTapMs = 500;
// The second tap of a double tap comes this soon after the first, this close to it.
inline constexpr double kDoubleTapWithinMs = 350;
inline constexpr double kDoubleTapWithinCss = 30;

class PointerGestures {
 public:
  explicit PointerGestures(GestureOptions options = {});

  // Each returns true when the view changed (the caller redraws). A third pointer,
  // or events for pointers not tracked, change nothing.
  bool pointerDown(ViewState& view, int pointerId, double x, double y, double timeMs, bool isTouch);
  bool pointerMove(ViewState& view, int pointerId, double x, double y);
  bool pointerUp(ViewState& view, int pointerId, double x, double y, double timeMs);
  void pointerCancel(int pointerId);
  bool wheel(ViewState& view, double deltaY, WheelUnit unit, double x, double y, double viewportCssHeight);

  // Forgets every pointer and the last tap (the image was cleared or replaced).
  void reset();
  std::size_t trackedPointers() const { return count_; }
  // The zoom factor one wheel event of deltaY (in `unit`) asks for.
  static double wheelZoomFactor(double deltaY, WheelUnit unit, double viewportCssHeight);

 private:
  struct Tracked {
    int id = 0;
    Point position{0, 0};
    Point appliedFrom{0, 0};  // where the last pan was applied from
    Point downAt{0, 0};
  };
  struct Tap {
    Point at;
    double timeMs;
  };

  Tracked* find(int pointerId);
  void forget(int pointerId);
  bool dragBy(ViewState& view, Tracked& pointer);
  bool pinchTo(ViewState& view, std::size_t moved, Point newPosition);
  bool tapEnded(ViewState& view, Point at, double timeMs);

  GestureOptions options_;
  std::array<Tracked, 2> pointers_{};
  std::size_t count_ = 0;
  // Per gesture (first pointer down to last pointer up):
  double gestureStartMs_ = 0;
  double tapSlop_ = kTapSlopMouse;
  bool beyondTapSlop_ = false;
  bool usedTwoPointers_ = false;
  std::optional<Tap> lastTap_;
};

}  // namespace iiv
