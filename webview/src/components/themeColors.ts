/** Theme colours for canvases, read from the CSS variables VS Code sets (so light, dark and high contrast all work). */

export type Rgb = readonly [number, number, number];

export interface HeatColors {
  readonly background: Rgb;
  readonly positive: Rgb;
  readonly negative: Rgb;
  /** Stored entries that hold 0: drawn faintly. */
  readonly zero: Rgb;
  readonly highlight: string;
}

let probe: CanvasRenderingContext2D | null = null;

/** Any CSS colour as RGB, via a canvas (which normalises every syntax to #rrggbb or rgba()). */
export function toRgb(color: string, fallback: Rgb): Rgb {
  probe ??= document.createElement('canvas').getContext('2d');
  if (!probe || !color.trim()) return fallback;
  probe.fillStyle = '#010203';
  probe.fillStyle = color.trim();
  const normal = String(probe.fillStyle);
  if (normal === '#010203' && color.trim() !== '#010203') return fallback;
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(normal);
  if (hex) return [parseInt(hex[1], 16), parseInt(hex[2], 16), parseInt(hex[3], 16)];
  const rgba = /^rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(normal);
  return rgba ? [Number(rgba[1]), Number(rgba[2]), Number(rgba[3])] : fallback;
}

export function heatColors(node: Element): HeatColors {
  const style = getComputedStyle(node);
  const read = (name: string, fallback: Rgb) => toRgb(style.getPropertyValue(name), fallback);
  return {
    background: read('--tconv-heat-bg', [30, 30, 30]),
    positive: read('--tconv-pos', [55, 148, 255]),
    negative: read('--tconv-neg', [241, 76, 76]),
    zero: read('--tconv-faint', [128, 128, 128]),
    highlight: style.getPropertyValue('--tconv-link').trim() || '#cca700',
  };
}

export function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}
