/**
 * jsonc-parser (parseTree, getLocation, getNodeValue), ajv and our own tree walks recurse once per level of
 * nesting, so `[[[[…]]]]` a few thousand deep overflows the stack. A spec never needs more than a dozen levels
 * (data is at most 4-D), so text nested deeper than MAX_NESTING_DEPTH is refused before anything walks it.
 */

export const MAX_NESTING_DEPTH = 64;

/**
 * Offset of the first `[` or `{` nested more than `max` deep, or -1. Tokens are read the way jsonc-parser's
 * scanner reads them (strings end at a quote or a line break, comments are skipped), and only a matching
 * closer ends a level, so the depth counted here is never less than the depth the parser recurses to.
 */
export function excessiveNestingOffset(text: string, max: number = MAX_NESTING_DEPTH): number {
  const open: number[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const ch = text.charCodeAt(i);
    if (ch === 0x22 /* " */) {
      i++;
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === 0x22) break;
        if (c === 0x5c /* \ */) i++;
        else if (c === 0x0a || c === 0x0d) break;
        i++;
      }
      i++;
    } else if (ch === 0x2f /* / */ && text.charCodeAt(i + 1) === 0x2f) {
      while (i < n && text.charCodeAt(i) !== 0x0a && text.charCodeAt(i) !== 0x0d) i++;
    } else if (ch === 0x2f && text.charCodeAt(i + 1) === 0x2a /* * */) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
    } else {
      if (ch === 0x5b /* [ */ || ch === 0x7b /* { */) {
        open.push(ch);
        if (open.length > max) return i;
      } else if ((ch === 0x5d /* ] */ && open[open.length - 1] === 0x5b) || (ch === 0x7d /* } */ && open[open.length - 1] === 0x7b)) {
        open.pop();
      }
      i++;
    }
  }
  return -1;
}
