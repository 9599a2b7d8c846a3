// What the README examples take from the page around them.
declare const bundle: import('identity-image-viewer').LinkBundle;
declare const canvas: HTMLCanvasElement;
declare function fetchBundleFromYourBackend(): Promise<import('identity-image-viewer').LinkBundle>;
