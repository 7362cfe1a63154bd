/**
 * Planes asked of the host (`requestPlanes`) for the render on screen: each focus is asked for once, answers are
 * kept for the last few focuses (a few planes each, so memory stays bounded), and all of it goes with a new render.
 */
import type { FocusedPlanesPayload, PlanesMessage, PreviewFocus, WebviewMessage } from '../../src/webviewProtocol';

/** Answers kept: switching back and forth between a few channels asks nothing again. */
const KEPT_ANSWERS = 8;

function keyOf(focus: PreviewFocus): string {
  return [focus.layerId, focus.batch, focus.inChannel, focus.outChannel, focus.depth ?? 0].join('/');
}

export class PlaneStore {
  private version = -1;
  private readonly answers = new Map<string, FocusedPlanesPayload>();
  private readonly pending = new Set<string>();
  /** Layers with an answer in this render: asking again for them is cheap (the host keeps the layer's tensors). */
  private readonly answeredLayers = new Set<string>();

  constructor(private readonly post: (message: WebviewMessage) => void) {}

  /** A new render: earlier answers describe an older text. */
  reset(version: number): void {
    this.version = version;
    this.answers.clear();
    this.pending.clear();
    this.answeredLayers.clear();
  }

  get(focus: PreviewFocus): FocusedPlanesPayload | null {
    return this.answers.get(keyOf(focus)) ?? null;
  }

  isPending(focus: PreviewFocus): boolean {
    return this.pending.has(keyOf(focus));
  }

  hasAnswered(layerId: string): boolean {
    return this.answeredLayers.has(layerId);
  }

  /** Asks the host for the focus's planes, unless they are here or on their way. */
  request(focus: PreviewFocus): void {
    const key = keyOf(focus);
    if (this.answers.has(key) || this.pending.has(key)) return;
    // The host answers the newest request only: the ones before it will not come back.
    this.pending.clear();
    this.pending.add(key);
    this.post({ type: 'requestPlanes', ...focus });
  }

  /** Keeps an answer for the render on screen; false when it is for another render. */
  receive(message: PlanesMessage): boolean {
    if (message.version !== this.version) return false;
    const key = keyOf(message.focus);
    this.pending.delete(key);
    this.answers.delete(key);
    this.answers.set(key, message.planes);
    while (this.answers.size > KEPT_ANSWERS) this.answers.delete(this.answers.keys().next().value as string);
    if (message.planes.note === null) this.answeredLayers.add(message.focus.layerId);
    return true;
  }
}
