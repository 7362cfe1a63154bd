/**
 * A large document is prepared before ajv sees it, so that checking it stays linear and builds no huge values:
 * ajv would build, walk and report on every number of a 10 MB paste (and its allErrors code once copied its error
 * list at every "$ref", see appendErrorsInPlace in scripts/gen-schema-validator.mjs: "layers" or nested data
 * holding 30,000 wrong items took seconds).
 *  - nested-number arrays (data, expect.output) are checked here, in one linear pass, and shown to ajv as
 *    `[0]`; their problems come back as the same errors ajv would report (the first MAX_OWN_ERRORS);
 *  - any other array longer than MAX_LIST_ITEMS is cut to that many items (the schema bounds every such
 *    array to a handful of items, except "layers", which gets a maxItems error beyond it).
 */
import type { ErrorObject } from 'ajv';
import schema from '../../schemas/tconv.schema.json';
import { allNumbersFinite, isNumbersOnlyArray, itemCount, subtreeNodeCount, valueOf, type JsonNode } from './jsonTree';

/** Documents with more nodes than this are prepared; smaller ones go to ajv as they are. */
export const ALL_ERRORS_MAX_NODES = 4096;
/** Longest list (other than nested numbers) shown to ajv; also the most layers a chain may have. */
export const MAX_LIST_ITEMS = 4096;
const MAX_OWN_ERRORS = 50;

const NESTED_NUMBERS = schema.definitions.nestedNumbers;
const NESTED_NUMBERS_PATH = '#/definitions/nestedNumbers';

type Path = readonly (string | number)[];

/** Whether the tree has more than `limit` nodes (counting stops there). */
export function largerThan(root: JsonNode, limit: number): boolean {
  return subtreeNodeCount(root, limit) > limit;
}

const pointer = (path: Path) => path.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');

/** Where the schema expects nested numbers: input.data, a kernel's or bias's data, an expect.output. */
function holdsNestedNumbers(path: Path): boolean {
  const n = path.length;
  if (n === 2) return (path[0] === 'input' && path[1] === 'data') || (path[0] === 'expect' && path[1] === 'output');
  const owner =
    n === 3
      ? path[0] === 'layer' || path[0] === 'forward'
      : n === 4 && path[0] === 'layers' && typeof path[1] === 'number';
  if (!owner) return false;
  const [field, leaf] = path.slice(-2);
  return ((field === 'kernel' || field === 'bias') && leaf === 'data') || (field === 'expect' && leaf === 'output');
}

function nestedNumbersError(keyword: 'type' | 'minItems', path: Path, data: unknown): ErrorObject {
  return {
    keyword,
    instancePath: pointer(path),
    schemaPath: `${NESTED_NUMBERS_PATH}/${keyword}`,
    params: keyword === 'type' ? { type: NESTED_NUMBERS.type } : { limit: 1 },
    message: keyword === 'type' ? 'must be number,array' : 'must NOT have fewer than 1 items',
    schema: keyword === 'type' ? NESTED_NUMBERS.type : 1,
    parentSchema: NESTED_NUMBERS,
    data,
  };
}

/** The nested-numbers check ajv would make, iteratively; appends at most `room` errors. */
function checkNestedNumbers(node: JsonNode, path: Path, errors: ErrorObject[], room: number): void {
  const stack: [JsonNode, Path][] = [[node, path]];
  let found = 0;
  while (stack.length > 0 && found < room) {
    const [n, p] = stack.pop()!;
    if (n.type === 'number' && Number.isFinite(n.value)) continue;
    // Items get a look (a pasted array's are built) only when one is wrong.
    if (isNumbersOnlyArray(n) && allNumbersFinite(n)) continue;
    if (n.type !== 'array') {
      errors.push(nestedNumbersError('type', p, n.value));
      found++;
      continue;
    }
    const children = n.children ?? [];
    if (children.length === 0) {
      errors.push(nestedNumbersError('minItems', p, []));
      found++;
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i], [...p, i]]);
  }
}

/** The value ajv should validate, and the errors found on the way. */
export function prepareLargeDocument(root: JsonNode): { value: unknown; errors: ErrorObject[] } {
  const errors: ErrorObject[] = [];
  // Nesting is at most 64 levels here (nestingLimit.ts), so recursion is safe.
  const build = (node: JsonNode, path: Path): unknown => {
    if (node.type === 'object') {
      // Like jsonc-parser's getNodeValue: no prototype (so "__proto__" is an ordinary key), the last duplicate wins.
      const out = Object.create(null) as Record<string, unknown>;
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        if (key?.type !== 'string' || !value) continue;
        out[String(key.value)] = build(value, [...path, String(key.value)]);
      }
      return out;
    }
    if (node.type === 'array') {
      if (holdsNestedNumbers(path)) {
        checkNestedNumbers(node, path, errors, MAX_OWN_ERRORS - errors.length);
        return [0];
      }
      const count = itemCount(node);
      if (path.length === 1 && path[0] === 'layers' && count > MAX_LIST_ITEMS) {
        errors.push({
          keyword: 'maxItems',
          instancePath: '/layers',
          schemaPath: '#/properties/layers/maxItems',
          params: { limit: MAX_LIST_ITEMS },
          message: `must NOT have more than ${MAX_LIST_ITEMS} items`,
        });
      }
      // Numbers where the schema wants something else (maybe a paste): cut without building a node per number.
      if (isNumbersOnlyArray(node)) return valueOf(node, MAX_LIST_ITEMS);
      return (node.children ?? []).slice(0, MAX_LIST_ITEMS).map((child, i) => build(child, [...path, i]));
    }
    return node.value;
  };
  return { value: build(root, []), errors };
}
