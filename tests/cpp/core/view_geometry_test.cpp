#include "core/view_geometry.hpp"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

namespace iiv {
namespace {

constexpr double kEps = 1e-9;

void expectPoint(const Point& actual, double x, double y, const char* what = "") {
  EXPECT_NEAR(actual.x, x, 1e-6) << what;
  EXPECT_NEAR(actual.y, y, 1e-6) << what;
}

ViewState view(double imageW, double imageH, double cssW, double cssH, double dpr) {
  ViewState state;
  state.setViewport(cssW, cssH, dpr);
  state.setImageSize(imageW, imageH);
  return state;
}

// Applies the canvas matrix by hand, the way ctx.setTransform + drawImage would.
Point throughMatrix(const AffineMatrix& m, double x, double y) {
  return Point{m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f};
}

TEST(ViewGeometry, BackingSizeRoundsCssTimesDpr) {
  ViewState state;
  state.setViewport(333.3, 100, 1.5);
  EXPECT_EQ(state.backingSize().width, 500);  // round(499.95)
  EXPECT_EQ(state.backingSize().height, 150);
  state.setViewport(401, 301, 1);
  EXPECT_EQ(state.backingSize().width, 401);
  EXPECT_EQ(state.backingSize().height, 301);
}

TEST(ViewGeometry, FitPlacesAWideImageInsideAndCentred) {
  const ViewState state = view(1000, 500, 400, 300, 2);  // backing 800x600
  EXPECT_TRUE(state.isFitted());
  EXPECT_DOUBLE_EQ(state.scale(), 0.8);
  expectPoint(state.imageToCanvas(0, 0), 0, 100);
  expectPoint(state.imageToCanvas(1000, 500), 800, 500);
  const AffineMatrix m = state.matrix();
  EXPECT_DOUBLE_EQ(m.a, 0.8);
  EXPECT_DOUBLE_EQ(m.b, 0);
  EXPECT_DOUBLE_EQ(m.c, 0);
  EXPECT_DOUBLE_EQ(m.d, 0.8);
  EXPECT_DOUBLE_EQ(m.e, 0);
  EXPECT_DOUBLE_EQ(m.f, 100);
}

TEST(ViewGeometry, FitPlacesATallImageInsideAndCentred) {
  const ViewState state = view(300, 900, 600, 300, 1);
  EXPECT_NEAR(state.scale(), 1.0 / 3, kEps);
  expectPoint(state.imageToCanvas(0, 0), 250, 0);
  expectPoint(state.imageToCanvas(300, 900), 350, 300);
}

TEST(ViewGeometry, FitScalesSmallImagesUp) {
  const ViewState state = view(100, 50, 400, 300, 1);
  EXPECT_DOUBLE_EQ(state.scale(), 4);
  expectPoint(state.imageToCanvas(0, 0), 0, 50);
}

TEST(ViewGeometry, ActualSizeIsOneImagePixelPerDevicePixelCentred) {
  for (double dpr : {1.0, 2.0, 1.5}) {
    ViewState state = view(1000, 500, 400, 300, dpr);
    state.actualSize();
    EXPECT_FALSE(state.isFitted());
    EXPECT_DOUBLE_EQ(state.scale(), 1);
    const BackingSize size = state.backingSize();
    expectPoint(state.imageToCanvas(500, 250), size.width / 2.0, size.height / 2.0);
    // One image pixel is one device pixel.
    const Point a = state.imageToCanvas(10, 10);
    const Point b = state.imageToCanvas(11, 10);
    EXPECT_NEAR(b.x - a.x, 1, kEps);
  }
}

TEST(ViewGeometry, MatrixAndImageToCanvasAgree) {
  ViewState state = view(640, 480, 500, 400, 1.5);
  state.rotate(1);
  state.flip();
  state.zoomBy(1.7, 120, 80);
  state.panBy(-13, 7);
  const AffineMatrix m = state.matrix();
  for (const auto& [x, y] : std::vector<std::pair<double, double>>{{0, 0}, {640, 0}, {0, 480}, {123, 456}}) {
    const Point direct = state.imageToCanvas(x, y);
    const Point viaMatrix = throughMatrix(m, x, y);
    EXPECT_NEAR(direct.x, viaMatrix.x, kEps);
    EXPECT_NEAR(direct.y, viaMatrix.y, kEps);
    const Point back = state.canvasToImage(direct.x, direct.y);
    EXPECT_NEAR(back.x, x, 1e-6);
    EXPECT_NEAR(back.y, y, 1e-6);
  }
}

TEST(ViewGeometry, RotateClockwiseWhileFittedRefitsTheTurnedImage) {
  ViewState state = view(1000, 500, 400, 300, 2);  // backing 800x600
  state.rotate(1);
  EXPECT_EQ(state.rotationDegrees(), 90);
  EXPECT_TRUE(state.isFitted());
  EXPECT_DOUBLE_EQ(state.scale(), 0.6);  // shown 500x1000 into 800x600
  // Clockwise: the image's top-left goes to the top-right of its box (x 250..550, y 0..600).
  expectPoint(state.imageToCanvas(0, 0), 550, 0);
  expectPoint(state.imageToCanvas(1000, 0), 550, 600);
  expectPoint(state.imageToCanvas(0, 500), 250, 0);
  const AffineMatrix m = state.matrix();
  EXPECT_NEAR(m.a, 0, kEps);
  EXPECT_NEAR(m.b, 0.6, kEps);
  EXPECT_NEAR(m.c, -0.6, kEps);
  EXPECT_NEAR(m.d, 0, kEps);
}

TEST(ViewGeometry, RotateCounterClockwiseAndFullTurns) {
  ViewState state = view(1000, 500, 400, 300, 2);
  state.rotate(-1);
  EXPECT_EQ(state.rotationDegrees(), 270);
  // Counter-clockwise: the image's top-left goes to the bottom-left of its box.
  expectPoint(state.imageToCanvas(0, 0), 250, 600);
  state.rotate(-1);
  EXPECT_EQ(state.rotationDegrees(), 180);
  expectPoint(state.imageToCanvas(0, 0), 800, 500);
  state.rotate(2);
  EXPECT_EQ(state.rotationDegrees(), 0);
  expectPoint(state.imageToCanvas(0, 0), 0, 100);
  state.rotate(5);
  EXPECT_EQ(state.rotationDegrees(), 90);
  state.rotate(-7);
  EXPECT_EQ(state.rotationDegrees(), 180);
}

TEST(ViewGeometry, RotateWhileZoomedKeepsScaleAndTurnsAboutTheImageCentre) {
  ViewState state = view(1000, 500, 400, 300, 1);
  state.zoomBy(3, 100, 100);
  const double zoomed = state.scale();
  const Point centre = state.imageToCanvas(500, 250);
  state.rotate(1);
  EXPECT_FALSE(state.isFitted());
  EXPECT_DOUBLE_EQ(state.scale(), zoomed);
  expectPoint(state.imageToCanvas(500, 250), centre.x, centre.y);
}

TEST(ViewGeometry, FlipMirrorsHorizontallyOnScreen) {
  ViewState state = view(1000, 500, 400, 300, 2);
  state.flip();
  EXPECT_TRUE(state.flipped());
  EXPECT_TRUE(state.isFitted());
  expectPoint(state.imageToCanvas(0, 0), 800, 100);
  expectPoint(state.imageToCanvas(1000, 500), 0, 500);
  state.flip();
  EXPECT_FALSE(state.flipped());
  expectPoint(state.imageToCanvas(0, 0), 0, 100);
}

// Screen-space semantics: whatever came before, rotate(+1) turns what is on screen a
// quarter clockwise about the image centre, and flip() mirrors it left-right.
TEST(ViewGeometry, RotateAndFlipComposeInScreenSpace) {
  const std::vector<std::pair<double, double>> probes = {{0, 0}, {640, 0}, {0, 480}, {100, 300}};
  const std::vector<std::vector<int>> sequences = {{1, 0, 1},    {0, 1},           {0, -1, 0},
                                                   {1, 1, 0, 1}, {0, 0, 1, -1, 1}, {-1, 0, -1, 0, 1}};
  for (const auto& sequence : sequences) {
    ViewState state = view(640, 480, 500, 500, 1.5);
    state.actualSize();  // fixed scale, so only orientation changes
    for (int step : sequence) {
      const Point centre = state.imageToCanvas(320, 240);
      std::vector<Point> before;
      for (const auto& [x, y] : probes) before.push_back(state.imageToCanvas(x, y));
      if (step == 0) {
        state.flip();
      } else {
        state.rotate(step);
      }
      for (std::size_t i = 0; i < probes.size(); ++i) {
        const double dx = before[i].x - centre.x;
        const double dy = before[i].y - centre.y;
        // Clockwise on screen (y down) maps (dx, dy) to (-dy, dx); counter-clockwise to (dy, -dx).
        const Point expected = step == 0   ? Point{centre.x - dx, centre.y + dy}
                               : step == 1 ? Point{centre.x - dy, centre.y + dx}
                                           : Point{centre.x + dy, centre.y - dx};
        expectPoint(state.imageToCanvas(probes[i].first, probes[i].second), expected.x, expected.y);
      }
    }
  }
}

TEST(ViewGeometry, RotateThenFlipDiffersFromFlipThenRotate) {
  ViewState rotateFirst = view(640, 480, 500, 500, 1);
  rotateFirst.rotate(1);
  rotateFirst.flip();
  ViewState flipFirst = view(640, 480, 500, 500, 1);
  flipFirst.flip();
  flipFirst.rotate(1);
  EXPECT_EQ(rotateFirst.rotationDegrees(), 90);
  EXPECT_EQ(flipFirst.rotationDegrees(), 270);
  // Both fitted and mirrored, but the image's top-left lands on opposite corners.
  expectPoint(rotateFirst.imageToCanvas(0, 0), 62.5, 0);
  expectPoint(flipFirst.imageToCanvas(0, 0), 437.5, 500);
}

TEST(ViewGeometry, ZoomKeepsTheImagePointUnderTheAnchor) {
  for (double dpr : {1.0, 2.0, 1.5}) {
    for (int turns = 0; turns < 4; ++turns) {
      for (bool mirrored : {false, true}) {
        ViewState state = view(1200, 700, 420, 310, dpr);
        state.rotate(turns);
        if (mirrored) state.flip();
        const double perCss = state.backingSize().width / 420.0;
        const double anchorX = 123.5;
        const double anchorY = 47.25;
        const Point underAnchor = state.canvasToImage(anchorX * perCss, anchorY * (state.backingSize().height / 310.0));
        for (double factor : {1.25, 2.0, 0.5, 3.0}) {
          state.zoomBy(factor, anchorX, anchorY);
          const Point now = state.imageToCanvas(underAnchor.x, underAnchor.y);
          EXPECT_NEAR(now.x, anchorX * perCss, 1e-6) << "dpr " << dpr << " turns " << turns;
          EXPECT_NEAR(now.y, anchorY * (state.backingSize().height / 310.0), 1e-6);
        }
        EXPECT_FALSE(state.isFitted());
      }
    }
  }
}

TEST(ViewGeometry, ZoomMultipliesTheScale) {
  ViewState state = view(1000, 500, 400, 300, 2);
  state.zoomBy(2, 200, 150);
  EXPECT_DOUBLE_EQ(state.scale(), 1.6);
  state.zoomBy(0.25, 0, 0);
  EXPECT_DOUBLE_EQ(state.scale(), 0.4);
}

TEST(ViewGeometry, ZoomIsClampedToThirtyTwoAndToTheSmallerOfFitAndOneTwentieth) {
  ViewState state = view(1000, 500, 400, 300, 1);  // fit 0.4
  state.zoomBy(1e6, 10, 10);
  EXPECT_DOUBLE_EQ(state.scale(), kMaxZoomScale);
  state.zoomBy(1e-9, 10, 10);
  EXPECT_DOUBLE_EQ(state.scale(), 0.05);

  ViewState huge = view(40000, 40000, 400, 400, 1);  // fit 0.01 < 0.05
  huge.zoomBy(0.5, 0, 0);
  EXPECT_DOUBLE_EQ(huge.scale(), 0.01);
  EXPECT_TRUE(huge.isFitted()) << "a zoom that changes nothing leaves the view fitted";
}

TEST(ViewGeometry, ZoomOnATinyImageNeverShrinksBelowItsFit) {
  // A 2x2 image fits at 150x; zooming in must not snap it down to the 32x cap.
  ViewState state = view(2, 2, 300, 300, 1);
  EXPECT_DOUBLE_EQ(state.scale(), 150);
  state.zoomBy(2, 150, 150);
  EXPECT_DOUBLE_EQ(state.scale(), 150);
  state.zoomBy(0.5, 150, 150);
  EXPECT_DOUBLE_EQ(state.scale(), 75);
}

TEST(ViewGeometry, PanMovesByCssPixelsTimesDpr) {
  ViewState state = view(1000, 500, 400, 300, 1.5);  // backing 600x450
  const Point before = state.imageToCanvas(0, 0);
  state.panBy(10, -4);
  EXPECT_FALSE(state.isFitted());
  expectPoint(state.imageToCanvas(0, 0), before.x + 15, before.y - 6);
}

TEST(ViewGeometry, FitAfterZoomAndPanRestoresTheFit) {
  ViewState state = view(1000, 500, 400, 300, 2);
  state.rotate(1);
  state.zoomBy(4, 10, 10);
  state.panBy(50, 50);
  state.fit();
  EXPECT_TRUE(state.isFitted());
  EXPECT_EQ(state.rotationDegrees(), 90) << "fit keeps the rotation";
  EXPECT_DOUBLE_EQ(state.scale(), 0.6);
  expectPoint(state.imageToCanvas(0, 0), 550, 0);
}

TEST(ViewGeometry, ResetClearsRotationFlipAndZoom) {
  ViewState state = view(1000, 500, 400, 300, 2);
  state.rotate(1);
  state.flip();
  state.zoomBy(3, 50, 50);
  state.reset();
  EXPECT_TRUE(state.isFitted());
  EXPECT_EQ(state.rotationDegrees(), 0);
  EXPECT_FALSE(state.flipped());
  EXPECT_DOUBLE_EQ(state.scale(), 0.8);
  expectPoint(state.imageToCanvas(0, 0), 0, 100);
}

TEST(ViewGeometry, ANewImageSizeStartsFitted) {
  ViewState state = view(1000, 500, 400, 300, 1);
  state.rotate(1);
  state.zoomBy(2, 0, 0);
  state.setImageSize(300, 600);
  EXPECT_TRUE(state.isFitted());
  EXPECT_EQ(state.rotationDegrees(), 0);
  EXPECT_DOUBLE_EQ(state.scale(), 0.5);
}

TEST(ViewGeometry, ResizingAFittedViewRefits) {
  ViewState state = view(1000, 500, 400, 300, 1);
  state.setViewport(800, 600, 2);  // backing 1600x1200
  EXPECT_TRUE(state.isFitted());
  EXPECT_DOUBLE_EQ(state.scale(), 1.6);
  expectPoint(state.imageToCanvas(500, 250), 800, 600);
}

TEST(ViewGeometry, ResizingAZoomedViewKeepsCssZoomAndTheCentredPoint) {
  ViewState state = view(1000, 500, 400, 300, 1);
  state.zoomBy(2, 100, 100);
  state.panBy(-30, 20);
  const double cssZoom = state.scale() / 1.0;
  const Point centred = state.canvasToImage(200, 150);
  state.setViewport(500, 200, 2);  // backing 1000x400
  EXPECT_FALSE(state.isFitted());
  EXPECT_DOUBLE_EQ(state.scale(), cssZoom * 2);
  expectPoint(state.imageToCanvas(centred.x, centred.y), 500, 200);
}

TEST(ViewGeometry, IgnoresNonsenseInput) {
  ViewState state = view(1000, 500, 400, 300, 2);
  const AffineMatrix before = state.matrix();
  state.setViewport(0, 300, 2);
  state.setViewport(400, -1, 2);
  state.setViewport(400, 300, std::nan(""));
  state.setImageSize(0, 10);
  state.setImageSize(INFINITY, 10);
  state.zoomBy(0, 1, 1);
  state.zoomBy(-2, 1, 1);
  state.zoomBy(2, std::nan(""), 1);
  state.panBy(INFINITY, 0);
  const AffineMatrix after = state.matrix();
  EXPECT_DOUBLE_EQ(after.a, before.a);
  EXPECT_DOUBLE_EQ(after.e, before.e);
  EXPECT_DOUBLE_EQ(after.f, before.f);
  EXPECT_TRUE(state.isFitted());
}

TEST(ViewGeometry, HasAFiniteMatrixBeforeAnySizeIsKnown) {
  ViewState state;
  state.fit();
  state.zoomBy(2, 0, 0);
  state.rotate(1);
  const AffineMatrix m = state.matrix();
  for (double v : {m.a, m.b, m.c, m.d, m.e, m.f}) EXPECT_TRUE(std::isfinite(v));
  EXPECT_EQ(state.backingSize().width, 0);
}

}  // namespace
}  // namespace iiv
