/**
 * The preview app: keeps the view state, answers host messages and renders the active view. The page is built
 * once; renders patch it (the selected tab, scroll positions and the stepper survive), and only the active
 * view renders — the others catch up when they are shown.
 */
import type {
  ErrorMessage,
  HostMessage,
  PreviewPayload,
  PreviewState,
  RenderMessage,
  ViewId,
  WebviewMessage,
} from '../../src/webviewProtocol';
import { PROTOCOL_VERSION, VIEW_IDS } from '../../src/webviewProtocol';
import { el, setText } from './dom';
import { ErrorBanner } from './errorBanner';
import { Header } from './header';
import { OpNotice } from './opNotice';
import { PlaneStore } from './planeStore';
import { Selectors } from './selectors';
import { clampToLayer, restoreState, selectedLayer, selectedOpLayer } from './state';
import { setStrings, t } from './strings';
import { Tabs } from './tabs';
import type { HostChannel } from './vscodeApi';
import { CodeView } from './views/codeView';
import { GridsView } from './views/gridsView';
import { MatrixView } from './views/matrixView';
import { OverlapView } from './views/overlapView';
import { ShapesView } from './views/shapesView';
import { StepsView } from './views/stepsView';
import { SymbolicView } from './views/symbolicView';
import { VerifyView } from './views/verifyView';
import type { View, ViewContext } from './views/view';

interface Layout {
  readonly header: Header;
  readonly banner: ErrorBanner;
  readonly selectors: Selectors;
  readonly tabs: Tabs;
  readonly content: HTMLElement;
  readonly status: HTMLElement;
  readonly views: ReadonlyMap<ViewId, View>;
  readonly verify: VerifyView;
  readonly opNotice: OpNotice;
}

/** What a render or error of another document resets in the view state: Steps starts at its first step. */
const NEW_DOCUMENT: Partial<PreviewState> = { step: 0 };

export class App {
  private state: PreviewState;
  private payload: PreviewPayload | null = null;
  private fileName = '';
  private lastVersion = -1;
  /** The errors on screen (until the next render), shown again when the labels change. */
  private error: ErrorMessage | null = null;
  private layout: Layout;
  private readonly dirty = new Set<ViewId>();
  /** Planes asked of the host for the render on screen (the Grids view). */
  private readonly planes = new PlaneStore((m) => this.post(m));

  /** Whether VS Code had state for this panel (a restored panel). */
  private readonly restored: boolean;

  constructor(
    private readonly root: HTMLElement,
    private readonly host: HostChannel,
  ) {
    const saved = host.getState();
    this.restored = saved !== undefined && saved !== null;
    this.state = restoreState(saved);
    this.layout = this.build();
  }

  /** The handshake: the host sends nothing before this. */
  start(): void {
    this.post({ type: 'ready', protocol: PROTOCOL_VERSION, state: this.restored ? this.state : null });
  }

  handle(message: HostMessage): void {
    switch (message.type) {
      case 'render':
        this.render(message);
        return;
      case 'error':
        this.showError(message);
        return;
      case 'setView':
        this.update({ view: message.view, ...(message.layerId ? { layerId: message.layerId } : {}) });
        return;
      case 'strings':
        setStrings(message.strings);
        this.relabel();
        return;
      case 'verification':
        if (message.version < this.lastVersion) return;
        this.layout.verify.commandResult = message.verification;
        this.dirty.add('verify');
        this.refresh();
        return;
      case 'planes':
        if (!this.planes.receive(message)) return;
        this.dirty.add('grids');
        this.refresh();
        return;
    }
  }

  private post(message: WebviewMessage): void {
    this.host.post(message);
  }

  private build(): Layout {
    const views: View[] = [
      new ShapesView(),
      new GridsView(this.planes),
      new StepsView(),
      new MatrixView(),
      new SymbolicView(),
      new OverlapView(),
      new CodeView(),
      new VerifyView(),
    ];
    const header = new Header((m) => this.post(m));
    const banner = new ErrorBanner((m) => this.post(m));
    const selectors = new Selectors((patch) => this.update(patch));
    const tabs = new Tabs(views, (view) => this.update({ view }));
    const status = el('footer', { className: 'status-line', text: t('status.hint'), attrs: { 'aria-live': 'polite' } });
    const content = el('div', { className: 'content', attrs: { id: 'content' } }, [selectors.root, tabs.root]);
    header.showWaiting();
    content.hidden = true;
    this.root.replaceChildren(banner.root, header.root, content, status);
    tabs.select(this.state.view);
    return {
      header,
      banner,
      selectors,
      tabs,
      content,
      status,
      views: new Map(views.map((v) => [v.id, v])),
      verify: views[7] as VerifyView,
      opNotice: new OpNotice(),
    };
  }

  /** Rebuilds the page with the new labels, keeping what it showed: the render, the errors, the Verify results. */
  private relabel(): void {
    const commandResult = this.layout.verify.commandResult;
    this.layout = this.build();
    this.layout.verify.commandResult = commandResult;
    if (this.payload) {
      this.layout.content.hidden = false;
      for (const id of VIEW_IDS) this.dirty.add(id);
    }
    if (this.error) this.showErrorLayout(this.error);
    this.refresh();
  }

  private render(message: RenderMessage): void {
    if (message.version < this.lastVersion) return;
    this.lastVersion = message.version;
    const firstRender = this.payload === null;
    const otherDocument = message.documentUri !== this.state.documentUri;
    this.payload = message.payload;
    this.planes.reset(message.version);
    this.fileName = message.fileName;
    this.layout.verify.commandResult = null;
    this.error = null;
    // Another spec starts at its first step; the same spec keeps the user's step.
    this.state = { ...this.state, documentUri: message.documentUri, ...(otherDocument ? NEW_DOCUMENT : {}) };
    this.layout.banner.hide();
    this.layout.content.classList.remove('stale');
    this.layout.content.hidden = false;
    if (firstRender) this.layout.tabs.select(this.state.view);
    for (const id of VIEW_IDS) this.dirty.add(id);
    this.refresh();
    // Which render is on screen: for tests and for anyone debugging the preview with the webview devtools.
    document.body.dataset.renderedVersion = String(message.version);
  }

  private showError(message: ErrorMessage): void {
    if (message.version < this.lastVersion) return;
    this.lastVersion = message.version;
    // The last good render stays (dimmed) only under errors of its own document, never under another spec's.
    if (message.documentUri !== this.state.documentUri) {
      this.state = { ...this.state, documentUri: message.documentUri, ...NEW_DOCUMENT };
      if (this.payload) this.forgetRender();
    }
    this.error = message;
    this.showErrorLayout(message);
    this.host.setState(this.state);
  }

  private showErrorLayout(message: ErrorMessage): void {
    this.layout.banner.show(message, this.payload !== null);
    this.layout.content.classList.toggle('stale', this.payload !== null);
    if (!this.payload) {
      this.layout.header.showFile(message.fileName);
      setText(this.layout.status, t('status.waiting'));
    }
  }

  /** Drops the render on screen: a fresh page, as before the first render. */
  private forgetRender(): void {
    this.payload = null;
    this.fileName = '';
    this.dirty.clear();
    this.layout = this.build();
    delete document.body.dataset.renderedVersion;
  }

  private update(patch: Partial<PreviewState>): void {
    const next = { ...this.state, ...patch };
    if (patch.layerId !== undefined && patch.layerId !== this.state.layerId) Object.assign(next, { step: 0 });
    this.state = next;
    if (patch.view) this.layout.tabs.select(patch.view);
    const onlyView = Object.keys(patch).every((k) => k === 'view');
    if (!onlyView) for (const id of VIEW_IDS) this.dirty.add(id);
    this.refresh();
  }

  /** Renders the active view if it is out of date, and persists the state. */
  private refresh(): void {
    const payload = this.payload;
    const layer = payload ? selectedLayer(payload, this.state.layerId) : null;
    // A layer without a kernel (pool, concat, …) is shown by Grids; the views about one convolution say so instead.
    const op = payload ? selectedOpLayer(payload, this.state.layerId) : null;
    if (payload && layer) {
      this.state = clampToLayer(this.state, op ?? layer);
      this.layout.header.update(payload, this.fileName);
      this.layout.selectors.update(payload, op ?? layer, this.state);
      this.layout.content.style.setProperty('--zoom', String(this.state.zoom));
      const view = this.layout.views.get(this.state.view);
      this.layout.opNotice.place(this.layout.views.values(), view, op, () => this.update({ view: 'grids' }));
      if (view && this.dirty.has(view.id) && !view.root.hidden) {
        this.dirty.delete(view.id);
        view.render(this.context(payload, layer));
      }
    }
    this.host.setState(this.state);
  }

  private context(payload: PreviewPayload, layer: NonNullable<ReturnType<typeof selectedLayer>>): ViewContext {
    return {
      payload,
      layer,
      state: this.state,
      update: (patch) => this.update(patch),
      post: (m) => this.post(m),
      status: (text) => setText(this.layout.status, text),
    };
  }
}
