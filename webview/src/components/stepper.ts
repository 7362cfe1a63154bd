/** Previous / play / next / reset and a slider over positions 0 … count. */
import { el, setText } from '../dom';
import { t } from '../strings';

const PLAY_INTERVAL_MS = 500;

export class Stepper {
  readonly root: HTMLElement;
  private readonly slider = el('input', { className: 'stepper-slider', attrs: { type: 'range', min: '0', step: '1' } });
  private readonly position = el('span', { className: 'stepper-position', attrs: { 'aria-live': 'polite' } });
  private readonly play = el('vscode-button', { className: 'stepper-play', attrs: { secondary: '' } });
  private timer = 0;
  private count = 0;
  private value = 0;
  /** Called with the new position when the user moves. */
  onChange: ((position: number) => void) | null = null;

  constructor() {
    const button = (className: string, key: 'steps.prev' | 'steps.next' | 'steps.reset', delta: () => number) => {
      const b = el('vscode-button', { className, text: t(key), attrs: { secondary: '' } });
      b.addEventListener('click', () => this.go(delta()));
      return b;
    };
    this.play.addEventListener('click', () => (this.timer ? this.stop() : this.start()));
    this.slider.addEventListener('input', () => this.go(Number(this.slider.value)));
    this.root = el('div', { className: 'stepper', attrs: { role: 'group' } }, [
      button('stepper-reset', 'steps.reset', () => 0),
      button('stepper-prev', 'steps.prev', () => this.value - 1),
      this.play,
      button('stepper-next', 'steps.next', () => this.value + 1),
      this.slider,
      this.position,
    ]);
    this.updatePlayLabel();
  }

  set(position: number, count: number): void {
    this.count = count;
    this.value = Math.max(0, Math.min(position, count));
    this.slider.max = String(count);
    this.slider.value = String(this.value);
    setText(this.position, t('steps.position', this.value, count));
    if (this.value >= count) this.stop();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = 0;
    this.updatePlayLabel();
  }

  private start(): void {
    if (this.value >= this.count) this.go(0);
    this.timer = window.setInterval(() => this.go(this.value + 1), PLAY_INTERVAL_MS);
    this.updatePlayLabel();
  }

  private go(position: number): void {
    const next = Math.max(0, Math.min(position, this.count));
    if (next === this.value && next !== 0) {
      if (next >= this.count) this.stop();
      return;
    }
    this.set(next, this.count);
    this.onChange?.(next);
  }

  private updatePlayLabel(): void {
    setText(this.play, this.timer ? t('steps.pause') : t('steps.play'));
  }
}
