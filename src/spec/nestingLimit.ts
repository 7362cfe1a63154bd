/**
 * jsonc-parser (parseTree, getLocation, getNodeValue), ajv and our own tree walks recurse once per level of
 * nesting, so `[[[[…]]]]` a few thousand deep overflows the stack. A spec never needs more than a dozen levels
 * (data is at most 4-D), so text nested deeper than MAX_NESTING_DEPTH is refused before anything walks it.
 */
import { scanText } from './textScan';

export const MAX_NESTING_DEPTH = 64;

/**
 * Offset of the first `[` or `{` nested more than `max` deep, or -1. Tokens are read the way jsonc-parser's
 * scanner reads them (strings end at a quote or a line break, comments are skipped), and only a matching
 * closer ends a level, so the depth counted here is never less than the depth the parser recurses to.
 */
export function excessiveNestingOffset(text: string, max: number = MAX_NESTING_DEPTH): number {
  return scanText(text, Infinity, max).deepOffset;
}
