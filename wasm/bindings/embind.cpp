// The Embind surface of the viewer core: a thin marshalling layer over wasm/core/.
// This comment is the API contract that web/ codes against.
//
// Behaviour web/ relies on, beyond the signatures below:
//   - ViewerLifecycle.loaded() returns a bool (false: cleared/failed meanwhile, do not draw).
//   - visibilityHidden() returning true, pageHide() and a non-empty tick() have already
//     moved the state to 'cleared'; calling clear() afterwards is a harmless no-op.
//   - zoomBy's upper bound is max(32, fit scale), so zooming in on a tiny image that
//     already fits at more than 32x never shrinks it.
//   - no val::call() / val::new_() with caller data: Embind 3.1.6 keeps the last
//     arguments of each method-caller signature alive, and these are bearer URLs.
//   - the module is built with -sDYNAMIC_EXECUTION=0: no eval/new Function (strict CSP ok).
//
//   Module.validateBundle(jsonText, nowUnixSeconds, {allowedHosts?: string[], clockSkewSeconds?: number})
//     -> {ok: true, bundle: {verificationSession, verificationReport, issuedAt,
//                            images: [{role, file, fileLink, url, expiresAt}]}}
//      | {ok: false, code, message}
//     allowedHosts adds to files.stripe.com; clockSkewSeconds defaults to 5 and must be a
//     number from 0 to 60 (TypeError otherwise). A link living more than 30 s + skew after
//     issued_at is link_lifetime_too_long.
//   Module.checkImageUrl(url, {allowedHosts?, clockSkewSeconds?}, fieldName)
//     -> {ok: true} | {ok: false, code, message}: the URL rules of validateBundle for one
//     URL (e.g. where a redirect led); fieldName names it in the message.
//   new Module.SecureBuffer(size)       throws RangeError if size is not a non-negative
//                                       integer or cannot be allocated
//     .view() -> Uint8Array over the WASM heap. Take a new view after any other call
//                into the module: heap growth detaches old views.
//     .size(), .wipe() (zeroes every byte), .delete() (wipes, then frees)
//   Module.sniffImage(buffer, length, isComplete, maxPixels)
//     -> {ok: true, format: 'jpeg'|'png'|'webp', width, height}
//      | {ok: false, code, message, bytesNeeded?}   (bytesNeeded only with need_more_bytes,
//                                                    when known: prefix length to wait for)
//     maxPixels <= 0 or not finite means the default, 50,000,000. Throws RangeError if
//     length is not an integer in [0, buffer.size()].
//   new Module.ViewState()
//     setImageSize(w, h)  (a new image: fitted, rotation 0, no flip)
//     setViewport(cssWidth, cssHeight, devicePixelRatio), fit(), actualSize(),
//     zoomBy(factor, anchorCssX, anchorCssY), panBy(dxCss, dyCss), rotate(quarterTurns),
//     flip(), reset(), backingSize() -> {width, height}, matrix() -> {a, b, c, d, e, f},
//     scale(), rotation() -> 0|90|180|270, flipped(), isFitted(),
//     imageToCanvas(x, y) -> {x, y}, canvasToImage(x, y) -> {x, y}, fitScale()
//   new Module.ViewerLifecycle({inactivityMs?: 0, viewingWindowMs?: 0, clearOnHidden?: true})
//     show(nowMs), showFromRefresh(nowMs), loaded(nowMs) -> bool (false: do not show, wipe),
//     failed(code) (throws TypeError for a code not in errorCodes()),
//     linkExpired() -> 'refresh'|'fail', activity(nowMs), visibilityHidden(nowMs) -> bool,
//     pageHide() -> true, tick(nowMs) -> ''|'inactivity'|'window_ended',
//     nextDeadlineMs(nowMs) -> ms or -1, clear(reason), destroy(),
//     state() -> 'idle'|'loading'|'shown'|'cleared'|'failed'|'destroyed',
//     lastClearReason() -> '' or the first reason of the last clear
//       ('inactivity', 'window_ended', 'hidden', 'pagehide', 'destroyed' or the caller's);
//     failureCode() -> '' or the code passed to failed()/set by linkExpired().
//     visibilityHidden, pageHide and a non-empty tick have already moved the state to
//     'cleared'; a later clear() is a no-op.
//   new Module.PointerGestures({wheelZoom?: true, dragPan?: true, pinchZoom?: true, doubleTapZoom?: true})
//     pointerDown(view, pointerId, x, y, timeMs, isTouch), pointerMove(view, pointerId, x, y),
//     pointerUp(view, pointerId, x, y, timeMs), pointerCancel(pointerId),
//     wheel(view, deltaY, deltaMode, x, y, viewportCssHeight): each (but pointerCancel)
//     -> bool, true when the ViewState `view` changed. x, y: CSS px from the canvas'
//     top-left. reset() forgets pointers and the last tap; trackedPointers().
//   Module.errorCodes() -> string[] (every stable error code)
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <variant>

#include <emscripten/bind.h>
#include <emscripten/val.h>

#include "core/decimal_text.hpp"
#include "core/error_code.hpp"
#include "core/image_header.hpp"
#include "core/link_bundle.hpp"
#include "core/pointer_gestures.hpp"
#include "core/secure_buffer.hpp"
#include "core/view_geometry.hpp"
#include "core/viewer_lifecycle.hpp"

using emscripten::val;

namespace {

[[noreturn]] void throwJs(const char* errorType, const std::string& message) {
  val::global(errorType).new_(val(message)).throw_();
}

bool isNonNegativeInteger(double value) { return std::isfinite(value) && value >= 0 && std::floor(value) == value; }

// JS numbers are doubles; times and sizes are whole numbers within +-2^53.
std::int64_t roundedInteger(double value) {
  constexpr double kLargestExact = 9007199254740992.0;
  if (!std::isfinite(value)) return 0;
  return static_cast<std::int64_t>(std::llround(std::clamp(value, -kLargestExact, kLargestExact)));
}

val failureObject(const iiv::Failure& failure) {
  val out = val::object();
  out.set("ok", false);
  out.set("code", std::string(iiv::errorCodeName(failure.code)));
  out.set("message", failure.message);
  return out;
}

iiv::LinkPolicy policyFrom(const val& policy) {
  iiv::LinkPolicy result;
  if (policy.isUndefined() || policy.isNull()) return result;
  const val hosts = policy["allowedHosts"];
  if (hosts.isArray()) {
    const auto count = hosts["length"].as<unsigned>();
    for (unsigned i = 0; i < count; ++i) {
      const val entry = hosts[i];
      if (entry.isString()) result.extraAllowedHosts.push_back(entry.as<std::string>());
    }
  }
  const val skew = policy["clockSkewSeconds"];
  if (!skew.isUndefined()) {
    // Refused rather than clamped: a caller asking for more slack than the rules allow
    // has a bug that a silent cap would hide.
    const double seconds = skew.isNumber() ? skew.as<double>() : -1;
    if (!(seconds >= 0 && seconds <= static_cast<double>(iiv::kMaxClockSkewSeconds))) {
      throwJs("TypeError",
              "clockSkewSeconds must be a number from 0 to " + iiv::decimalText(iiv::kMaxClockSkewSeconds));
    }
    result.clockSkewSeconds = roundedInteger(seconds);
  }
  return result;
}

val validateBundle(const std::string& jsonText, double nowUnixSeconds, const val& policy) {
  const auto outcome = iiv::validateLinkBundle(jsonText, roundedInteger(nowUnixSeconds), policyFrom(policy));
  if (const auto* failure = std::get_if<iiv::Failure>(&outcome)) return failureObject(*failure);
  const auto& bundle = std::get<iiv::LinkBundle>(outcome);
  val images = val::array();
  unsigned index = 0;
  for (const auto& image : bundle.images) {
    val item = val::object();
    item.set("role", image.role);
    item.set("file", image.file);
    item.set("fileLink", image.fileLink);
    item.set("url", image.url);
    item.set("expiresAt", static_cast<double>(image.expiresAt));
    // Not images.call("push", item): Embind's method callers keep their last arguments
    // in a shared array for the life of the module, which kept the last URL reachable.
    images.set(index++, item);
  }
  val bundleObject = val::object();
  bundleObject.set("verificationSession", bundle.verificationSession);
  bundleObject.set("verificationReport", bundle.verificationReport);
  bundleObject.set("issuedAt", static_cast<double>(bundle.issuedAt));
  bundleObject.set("images", images);
  val out = val::object();
  out.set("ok", true);
  out.set("bundle", bundleObject);
  return out;
}

iiv::SecureBuffer* makeSecureBuffer(double size) {
  if (!isNonNegativeInteger(size) || size > 0x7FFFFFFF) {
    throwJs("RangeError", "SecureBuffer size must be an integer from 0 to 2^31-1");
  }
  auto* buffer = new iiv::SecureBuffer(static_cast<std::size_t>(size));
  if (buffer->size() != static_cast<std::size_t>(size)) {
    delete buffer;
    throwJs("RangeError",
            "SecureBuffer could not allocate " + iiv::decimalText(static_cast<std::size_t>(size)) + " bytes");
  }
  return buffer;
}

val secureBufferView(iiv::SecureBuffer& buffer) {
  return val(emscripten::typed_memory_view(buffer.size(), buffer.data()));
}

double secureBufferSize(const iiv::SecureBuffer& buffer) { return static_cast<double>(buffer.size()); }

val sniffImage(iiv::SecureBuffer& buffer, double length, bool isComplete, double maxPixels) {
  if (!isNonNegativeInteger(length) || length > static_cast<double>(buffer.size())) {
    throwJs("RangeError", "sniffImage length must be an integer from 0 to buffer.size()");
  }
  const std::uint64_t pixelLimit = (std::isfinite(maxPixels) && maxPixels >= 1)
                                       ? static_cast<std::uint64_t>(std::min(maxPixels, 9007199254740992.0))
                                       : iiv::kDefaultMaxPixels;
  const auto result = iiv::sniffImageHeader(buffer.data(), static_cast<std::size_t>(length), isComplete, pixelLimit);
  if (result.failure) {
    val out = failureObject(*result.failure);
    if (result.failure->code == iiv::ErrorCode::NeedMoreBytes && result.bytesNeeded > 0) {
      out.set("bytesNeeded", static_cast<double>(result.bytesNeeded));
    }
    return out;
  }
  val out = val::object();
  out.set("ok", true);
  out.set("format", std::string(iiv::imageFormatName(result.header->format)));
  out.set("width", result.header->width);
  out.set("height", result.header->height);
  return out;
}

val pointObject(const iiv::Point& point) {
  val out = val::object();
  out.set("x", point.x);
  out.set("y", point.y);
  return out;
}

val viewBackingSize(const iiv::ViewState& view) {
  const auto size = view.backingSize();
  val out = val::object();
  out.set("width", size.width);
  out.set("height", size.height);
  return out;
}

val viewMatrix(const iiv::ViewState& view) {
  const auto m = view.matrix();
  val out = val::object();
  out.set("a", m.a);
  out.set("b", m.b);
  out.set("c", m.c);
  out.set("d", m.d);
  out.set("e", m.e);
  out.set("f", m.f);
  return out;
}

val viewImageToCanvas(const iiv::ViewState& view, double x, double y) { return pointObject(view.imageToCanvas(x, y)); }
val viewCanvasToImage(const iiv::ViewState& view, double x, double y) { return pointObject(view.canvasToImage(x, y)); }
void viewRotate(iiv::ViewState& view, double quarterTurns) {
  if (std::isfinite(quarterTurns)) view.rotate(static_cast<int>(std::fmod(std::trunc(quarterTurns), 4.0)));
}

iiv::ViewerLifecycle* makeLifecycle(const val& options) {
  iiv::LifecycleOptions result;
  if (!options.isUndefined() && !options.isNull()) {
    const val inactivity = options["inactivityMs"];
    if (inactivity.isNumber()) result.inactivityMs = roundedInteger(inactivity.as<double>());
    const val window = options["viewingWindowMs"];
    if (window.isNumber()) result.viewingWindowMs = roundedInteger(window.as<double>());
    const val hidden = options["clearOnHidden"];
    if (!hidden.isUndefined()) result.clearOnHidden = hidden.as<bool>();
  }
  return new iiv::ViewerLifecycle(result);
}

void lifecycleShow(iiv::ViewerLifecycle& life, double nowMs) { life.show(roundedInteger(nowMs)); }
void lifecycleShowFromRefresh(iiv::ViewerLifecycle& life, double nowMs) { life.showFromRefresh(roundedInteger(nowMs)); }
bool lifecycleLoaded(iiv::ViewerLifecycle& life, double nowMs) { return life.loaded(roundedInteger(nowMs)); }
void lifecycleFailed(iiv::ViewerLifecycle& life, const std::string& code) {
  const auto parsed = iiv::errorCodeFromName(code);
  if (!parsed) throwJs("TypeError", "ViewerLifecycle.failed: unknown error code \"" + code.substr(0, 40) + "\"");
  life.failed(*parsed);
}
std::string lifecycleLinkExpired(iiv::ViewerLifecycle& life) {
  return life.linkExpired() == iiv::ExpiredLinkAction::Refresh ? "refresh" : "fail";
}
void lifecycleActivity(iiv::ViewerLifecycle& life, double nowMs) { life.activity(roundedInteger(nowMs)); }
bool lifecycleVisibilityHidden(iiv::ViewerLifecycle& life, double nowMs) {
  return life.visibilityHidden(roundedInteger(nowMs));
}
std::string lifecycleTick(iiv::ViewerLifecycle& life, double nowMs) {
  return std::string(life.tick(roundedInteger(nowMs)));
}
double lifecycleNextDeadline(const iiv::ViewerLifecycle& life, double nowMs) {
  return static_cast<double>(life.nextDeadlineMs(roundedInteger(nowMs)));
}
void lifecycleClear(iiv::ViewerLifecycle& life, const std::string& reason) { life.clear(reason); }
std::string lifecycleState(const iiv::ViewerLifecycle& life) {
  return std::string(iiv::lifecycleStateName(life.state()));
}
std::string lifecycleLastClearReason(const iiv::ViewerLifecycle& life) { return life.lastClearReason(); }
std::string lifecycleFailureCode(const iiv::ViewerLifecycle& life) {
  return life.failure() ? std::string(iiv::errorCodeName(*life.failure())) : std::string();
}

iiv::PointerGestures* makeGestures(const val& options) {
  iiv::GestureOptions result;
  if (!options.isUndefined() && !options.isNull()) {
    const auto readFlag = [&options](const char* name, bool& flag) {
      const val value = options[name];
      if (!value.isUndefined()) flag = value.as<bool>();
    };
    readFlag("wheelZoom", result.wheelZoom);
    readFlag("dragPan", result.dragPan);
    readFlag("pinchZoom", result.pinchZoom);
    readFlag("doubleTapZoom", result.doubleTapZoom);
  }
  return new iiv::PointerGestures(result);
}

// PointerEvent.pointerId is a JS number; ids outside int are never real pointers.
bool toPointerId(double id, int& out) {
  if (!std::isfinite(id) || id < INT32_MIN || id > INT32_MAX) return false;
  out = static_cast<int>(id);
  return true;
}

bool gesturesPointerDown(iiv::PointerGestures& gestures, iiv::ViewState& view, double pointerId, double x, double y,
                         double timeMs, bool isTouch) {
  int id = 0;
  return toPointerId(pointerId, id) && gestures.pointerDown(view, id, x, y, timeMs, isTouch);
}
bool gesturesPointerMove(iiv::PointerGestures& gestures, iiv::ViewState& view, double pointerId, double x, double y) {
  int id = 0;
  return toPointerId(pointerId, id) && gestures.pointerMove(view, id, x, y);
}
bool gesturesPointerUp(iiv::PointerGestures& gestures, iiv::ViewState& view, double pointerId, double x, double y,
                       double timeMs) {
  int id = 0;
  return toPointerId(pointerId, id) && gestures.pointerUp(view, id, x, y, timeMs);
}
void gesturesPointerCancel(iiv::PointerGestures& gestures, double pointerId) {
  int id = 0;
  if (toPointerId(pointerId, id)) gestures.pointerCancel(id);
}
bool gesturesWheel(iiv::PointerGestures& gestures, iiv::ViewState& view, double deltaY, double deltaMode, double x,
                   double y, double viewportCssHeight) {
  const auto unit = deltaMode == 1   ? iiv::WheelUnit::Lines
                    : deltaMode == 2 ? iiv::WheelUnit::Pages
                                     : iiv::WheelUnit::Pixels;
  return gestures.wheel(view, deltaY, unit, x, y, viewportCssHeight);
}
double gesturesTrackedPointers(const iiv::PointerGestures& gestures) {
  return static_cast<double>(gestures.trackedPointers());
}

val errorCodes() {
  val out = val::array();
  unsigned index = 0;
  for (auto code : iiv::kAllErrorCodes) out.set(index++, std::string(iiv::errorCodeName(code)));
  return out;
}

val checkImageUrl(const std::string& url, const val& policy, const std::string& field) {
  const auto outcome = iiv::checkImageUrl(url, policyFrom(policy), field);
  if (const auto* failure = std::get_if<iiv::Failure>(&outcome)) return failureObject(*failure);
  val out = val::object();
  out.set("ok", true);
  return out;
}

}  // namespace

EMSCRIPTEN_BINDINGS(identity_viewer_core) {
  using namespace emscripten;

  function("validateBundle", &validateBundle);
  function("checkImageUrl", &checkImageUrl);
  function("sniffImage", &sniffImage);
  function("errorCodes", &errorCodes);

  class_<iiv::SecureBuffer>("SecureBuffer")
      .constructor(&makeSecureBuffer, allow_raw_pointers())
      .function("view", &secureBufferView)
      .function("size", &secureBufferSize)
      .function("wipe", &iiv::SecureBuffer::wipe);

  class_<iiv::ViewState>("ViewState")
      .constructor<>()
      .function("setImageSize", &iiv::ViewState::setImageSize)
      .function("setViewport", &iiv::ViewState::setViewport)
      .function("fit", &iiv::ViewState::fit)
      .function("actualSize", &iiv::ViewState::actualSize)
      .function("zoomBy", &iiv::ViewState::zoomBy)
      .function("panBy", &iiv::ViewState::panBy)
      .function("rotate", &viewRotate)
      .function("flip", &iiv::ViewState::flip)
      .function("reset", &iiv::ViewState::reset)
      .function("backingSize", &viewBackingSize)
      .function("matrix", &viewMatrix)
      .function("scale", &iiv::ViewState::scale)
      .function("rotation", &iiv::ViewState::rotationDegrees)
      .function("flipped", &iiv::ViewState::flipped)
      .function("isFitted", &iiv::ViewState::isFitted)
      .function("fitScale", &iiv::ViewState::fitScale)
      .function("imageToCanvas", &viewImageToCanvas)
      .function("canvasToImage", &viewCanvasToImage);

  class_<iiv::PointerGestures>("PointerGestures")
      .constructor(&makeGestures, allow_raw_pointers())
      .function("pointerDown", &gesturesPointerDown)
      .function("pointerMove", &gesturesPointerMove)
      .function("pointerUp", &gesturesPointerUp)
      .function("pointerCancel", &gesturesPointerCancel)
      .function("wheel", &gesturesWheel)
      .function("reset", &iiv::PointerGestures::reset)
      .function("trackedPointers", &gesturesTrackedPointers);

  class_<iiv::ViewerLifecycle>("ViewerLifecycle")
      .constructor(&makeLifecycle, allow_raw_pointers())
      .function("show", &lifecycleShow)
      .function("showFromRefresh", &lifecycleShowFromRefresh)
      .function("loaded", &lifecycleLoaded)
      .function("failed", &lifecycleFailed)
      .function("linkExpired", &lifecycleLinkExpired)
      .function("activity", &lifecycleActivity)
      .function("visibilityHidden", &lifecycleVisibilityHidden)
      .function("pageHide", &iiv::ViewerLifecycle::pageHide)
      .function("tick", &lifecycleTick)
      .function("nextDeadlineMs", &lifecycleNextDeadline)
      .function("clear", &lifecycleClear)
      .function("destroy", &iiv::ViewerLifecycle::destroy)
      .function("state", &lifecycleState)
      .function("lastClearReason", &lifecycleLastClearReason)
      .function("failureCode", &lifecycleFailureCode);
}
