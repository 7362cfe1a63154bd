/**
 * jsonc-parser (parseTree, getLocation, getNodeValue), ajv and our own tree walks recurse once per level of
 * nesting, so `[[[[…]]]]` a few thousand deep overflows the stack. A spec never needs more than a dozen levels
 * (data is at most 4-D), so text nested deeper than MAX_NESTING_DEPTH is refused before anything walks it (the
 * scan in textScan.ts finds the first bracket past it, reading tokens as jsonc-parser does).
 */
export const MAX_NESTING_DEPTH = 64;
