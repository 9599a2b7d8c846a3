// Types for identity-image-viewer/core.wasm: the core's .wasm, for bundlers that turn
// an imported file into its URL (esbuild's `loader: { '.wasm': 'file' }`, webpack's
// asset/resource), to hand to init().
declare const wasmUrl: string;
export default wasmUrl;
