// Shows how long the current image links stay valid. Links are bearer URLs that Stripe
// lets live at most 30 seconds; after that, switching images fetches fresh ones.
// The countdown itself is a timer (not announced each second); its end is announced once,
// through a polite live region.
const EXPIRED_TEXT = 'Image links have expired; images on screen stay until cleared. Switching images fetches fresh links.';

export class LinkCountdown {
  constructor(element, announcer) {
    this.element = element;
    this.announcer = announcer;
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
        this.element.textContent = EXPIRED_TEXT;
        this.element.dataset.state = 'expired';
        this.announcer.textContent = EXPIRED_TEXT;
        this.stop(false);
      }
    };
    render();
    this.timer = setInterval(render, 1000);
  }

  stop(blank = true) {
    clearInterval(this.timer);
    this.timer = null;
    if (blank) {
      this.element.textContent = '';
      delete this.element.dataset.state;
      this.announcer.textContent = '';
    }
  }
}
