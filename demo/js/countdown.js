// Shows how long the current image links stay valid. Links are bearer URLs that Stripe
// lets live at most 30 seconds; after that, switching images fetches fresh ones.
export class LinkCountdown {
  constructor(element) {
    this.element = element;
    this.timer = null;
  }

  start(bundle) {
    this.stop();
    const expiresAt = Math.min(...bundle.images.map((image) => image.expires_at));
    const render = () => {
      const left = Math.round(expiresAt - Date.now() / 1000);
      if (left > 0) {
        this.element.textContent = `Image links expire in ${left} s`;
        this.element.dataset.state = 'valid';
      } else {
        this.element.textContent = 'Image links have expired; images on screen stay until cleared. Switching images fetches fresh links.';
        this.element.dataset.state = 'expired';
        this.stop(false);
      }
    };
    render();
    this.timer = setInterval(render, 1000);
  }

  stop(blank = true) {
    clearInterval(this.timer);
    this.timer = null;
    if (blank) this.element.textContent = '';
  }
}
