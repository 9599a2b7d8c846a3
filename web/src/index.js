// identity-image-viewer: show Stripe Identity images from short-lived FileLinks in a
// canvas, leaving no copies behind. The custom element lives in ./element.js.
export { createViewer } from './viewer.js';
export { ViewerError, ERROR_CODES } from './errors.js';
export { DEFAULT_OPTIONS } from './options.js';
export { validateBundle } from './bundle.js';
export { init } from './core-loader.js';
