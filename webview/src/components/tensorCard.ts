/** A card holding one plane of a tensor, with a title, an optional caption, and a message when the plane is missing. */
import { el, setText } from '../dom';
import { PlaneView, type PlaneContent } from './planeView';

export class TensorCard {
  readonly root: HTMLElement;
  readonly plane: PlaneView;
  private readonly title = el('h3');
  private readonly caption = el('p', { className: 'card-caption muted' });
  private readonly message = el('div', { className: 'card-message' });

  constructor(className: string, label: string) {
    this.plane = new PlaneView(className, label);
    this.caption.hidden = true;
    this.root = el('section', { className: `card tensor-card ${className}-card` }, [
      this.title,
      this.caption,
      this.message,
      this.plane.root,
    ]);
  }

  setTitle(text: string): void {
    setText(this.title, text);
  }

  /** A line under the title (how a large plane is drawn, which output channels an input gives); null hides it. */
  setCaption(text: string | null): void {
    setText(this.caption, text ?? '');
    this.caption.hidden = text === null;
  }

  show(content: PlaneContent): void {
    this.message.replaceChildren();
    this.plane.root.hidden = false;
    this.plane.update(content);
    this.root.classList.toggle('canvas-card', this.plane.drawsCanvas);
  }

  /** Replaces the plane with a message (and optional action). */
  showMessage(...nodes: Node[]): void {
    this.plane.root.hidden = true;
    this.message.replaceChildren(...nodes);
  }
}
