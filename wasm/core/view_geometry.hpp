#pragma once
// Where the image sits on the canvas: fit, 1:1, zoom about a point, pan, quarter
// turns and a horizontal mirror, for any devicePixelRatio. Produces the affine matrix
// for ctx.setTransform on the canvas backing store, so ctx.drawImage(img, 0, 0) lands
// where the state says.
//
// Model: backing = T(centre) · F · R(rotation) · S(scale) · T(-imageSize/2) · image,
// where F is the screen-space mirror applied after the rotation.
#include <cstdint>

namespace iiv {

inline constexpr double kMaxZoomScale = 32.0;
inline constexpr double kMinZoomScaleFloor = 0.05;

struct Point {
  double x;
  double y;
};

struct BackingSize {
  std::int32_t width;
  std::int32_t height;
};

// Canvas 2D setTransform(a, b, c, d, e, f): x' = a·x + c·y + e, y' = b·x + d·y + f.
struct AffineMatrix {
  double a, b, c, d, e, f;
};

class ViewState {
 public:
  // A new image: fitted, not rotated, not mirrored. Non-positive or non-finite sizes are ignored.
  void setImageSize(double width, double height);
  // Keeps a fitted view fitted; otherwise keeps the zoom in CSS terms and the image
  // point at the viewport centre. Non-positive or non-finite values are ignored.
  void setViewport(double cssWidth, double cssHeight, double devicePixelRatio);

  void fit();
  void actualSize();
  // Scales by `factor`, keeping the image point under the anchor (CSS pixels from the
  // canvas' top-left) where it is. The scale stays within [min(fitScale, 0.05), 32]
  // (or up to the fit scale when fitting a tiny image needs more than 32).
  void zoomBy(double factor, double anchorCssX, double anchorCssY);
  void panBy(double dxCss, double dyCss);
  // +1 turns clockwise on screen, -1 counter-clockwise.
  void rotate(int quarterTurns);
  void flip();
  void reset();

  BackingSize backingSize() const;
  AffineMatrix matrix() const;
  double scale() const { return scale_; }
  int rotationDegrees() const { return quarterTurns_ * 90; }
  bool flipped() const { return flipped_; }
  bool isFitted() const { return fitted_; }
  Point imageToCanvas(double x, double y) const;
  Point canvasToImage(double x, double y) const;
  double fitScale() const;

 private:
  double backingPerCssX() const;
  double backingPerCssY() const;
  bool hasGeometry() const;
  void placeFitted();

  double imageWidth_ = 0;
  double imageHeight_ = 0;
  double cssWidth_ = 0;
  double cssHeight_ = 0;
  double devicePixelRatio_ = 1;
  double scale_ = 1;
  Point centre_{0, 0};  // image centre, in backing-store pixels
  int quarterTurns_ = 0;
  bool flipped_ = false;
  bool fitted_ = true;
};

}  // namespace iiv
