#include "core/view_geometry.hpp"

#include <algorithm>
#include <cmath>

namespace iiv {
namespace {

bool isPositiveFinite(double value) { return std::isfinite(value) && value > 0; }

// The 2x2 part F·R for the current quarter turns and mirror (without the scale).
struct Linear {
  double a, b, c, d;  // x' = a·x + c·y, y' = b·x + d·y
};

Linear orientation(int quarterTurns, bool flipped) {
  // Clockwise on screen (y grows downwards): (x, y) -> (-y, x) per quarter turn.
  static constexpr Linear kRotations[4] = {{1, 0, 0, 1}, {0, 1, -1, 0}, {-1, 0, 0, -1}, {0, -1, 1, 0}};
  Linear m = kRotations[quarterTurns];
  if (flipped) {
    m.a = -m.a;
    m.c = -m.c;
  }
  return m;
}

}  // namespace

bool ViewState::hasGeometry() const { return imageWidth_ > 0 && imageHeight_ > 0 && cssWidth_ > 0 && cssHeight_ > 0; }

double ViewState::backingPerCssX() const {
  const BackingSize size = backingSize();
  return cssWidth_ > 0 ? size.width / cssWidth_ : devicePixelRatio_;
}

double ViewState::backingPerCssY() const {
  const BackingSize size = backingSize();
  return cssHeight_ > 0 ? size.height / cssHeight_ : devicePixelRatio_;
}

BackingSize ViewState::backingSize() const {
  return BackingSize{static_cast<std::int32_t>(std::lround(cssWidth_ * devicePixelRatio_)),
                     static_cast<std::int32_t>(std::lround(cssHeight_ * devicePixelRatio_))};
}

double ViewState::fitScale() const {
  if (!hasGeometry()) return 1;
  const BackingSize size = backingSize();
  const bool sideways = quarterTurns_ % 2 == 1;
  const double shownWidth = sideways ? imageHeight_ : imageWidth_;
  const double shownHeight = sideways ? imageWidth_ : imageHeight_;
  return std::min(size.width / shownWidth, size.height / shownHeight);
}

void ViewState::placeFitted() {
  const BackingSize size = backingSize();
  scale_ = fitScale();
  centre_ = Point{size.width / 2.0, size.height / 2.0};
  fitted_ = true;
}

void ViewState::setImageSize(double width, double height) {
  if (!isPositiveFinite(width) || !isPositiveFinite(height)) return;
  imageWidth_ = width;
  imageHeight_ = height;
  reset();
}

void ViewState::setViewport(double cssWidth, double cssHeight, double devicePixelRatio) {
  if (!isPositiveFinite(cssWidth) || !isPositiveFinite(cssHeight) || !isPositiveFinite(devicePixelRatio)) {
    return;
  }
  const bool hadGeometry = hasGeometry();
  const BackingSize oldSize = backingSize();
  const Point imagePointAtCentre = canvasToImage(oldSize.width / 2.0, oldSize.height / 2.0);
  const double cssScale = scale_ / backingPerCssX();

  cssWidth_ = cssWidth;
  cssHeight_ = cssHeight;
  devicePixelRatio_ = devicePixelRatio;
  if (fitted_ || !hadGeometry) {
    placeFitted();
    return;
  }
  scale_ = cssScale * backingPerCssX();
  const BackingSize newSize = backingSize();
  const Point moved = imageToCanvas(imagePointAtCentre.x, imagePointAtCentre.y);
  centre_.x += newSize.width / 2.0 - moved.x;
  centre_.y += newSize.height / 2.0 - moved.y;
}

void ViewState::fit() { placeFitted(); }

void ViewState::actualSize() {
  const BackingSize size = backingSize();
  scale_ = 1;
  centre_ = Point{size.width / 2.0, size.height / 2.0};
  fitted_ = false;
}

void ViewState::zoomBy(double factor, double anchorCssX, double anchorCssY) {
  if (!isPositiveFinite(factor) || !std::isfinite(anchorCssX) || !std::isfinite(anchorCssY)) return;
  const double fit = fitScale();
  const double lowest = std::min(fit, kMinZoomScaleFloor);
  const double highest = std::max(fit, kMaxZoomScale);
  const double newScale = std::clamp(scale_ * factor, lowest, highest);
  if (newScale == scale_) return;
  const Point anchor{anchorCssX * backingPerCssX(), anchorCssY * backingPerCssY()};
  // The centre moves along the line through the anchor, so the anchor's image point stays put.
  const double ratio = newScale / scale_;
  centre_.x = anchor.x + (centre_.x - anchor.x) * ratio;
  centre_.y = anchor.y + (centre_.y - anchor.y) * ratio;
  scale_ = newScale;
  fitted_ = false;
}

void ViewState::panBy(double dxCss, double dyCss) {
  if (!std::isfinite(dxCss) || !std::isfinite(dyCss) || (dxCss == 0 && dyCss == 0)) return;
  centre_.x += dxCss * backingPerCssX();
  centre_.y += dyCss * backingPerCssY();
  fitted_ = false;
}

void ViewState::rotate(int quarterTurns) {
  // In screen space a mirrored image turns the other way round in image terms: F·R(q)·F = R(-q).
  const int turns = flipped_ ? -quarterTurns : quarterTurns;
  quarterTurns_ = ((quarterTurns_ + turns) % 4 + 4) % 4;
  if (fitted_) placeFitted();
}

void ViewState::flip() { flipped_ = !flipped_; }

void ViewState::reset() {
  quarterTurns_ = 0;
  flipped_ = false;
  placeFitted();
}

AffineMatrix ViewState::matrix() const {
  const Linear m = orientation(quarterTurns_, flipped_);
  const double a = m.a * scale_;
  const double b = m.b * scale_;
  const double c = m.c * scale_;
  const double d = m.d * scale_;
  const double halfW = imageWidth_ / 2;
  const double halfH = imageHeight_ / 2;
  return AffineMatrix{a, b, c, d, centre_.x - (a * halfW + c * halfH), centre_.y - (b * halfW + d * halfH)};
}

Point ViewState::imageToCanvas(double x, double y) const {
  const AffineMatrix m = matrix();
  return Point{m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f};
}

Point ViewState::canvasToImage(double x, double y) const {
  const AffineMatrix m = matrix();
  const double det = m.a * m.d - m.b * m.c;
  if (det == 0) return Point{0, 0};
  const double dx = x - m.e;
  const double dy = y - m.f;
  return Point{(m.d * dx - m.c * dy) / det, (-m.b * dx + m.a * dy) / det};
}

}  // namespace iiv
