/** Python identifiers for a chain's steps: module attributes, variables and parameter keys in generated code. */

const PYTHON_KEYWORDS =
  'False None True and as assert async await break class continue def del elif else except finally for from global ' +
  'if import in is lambda nonlocal not or pass raise return try while with yield match case type';

/** Names the generated code itself uses: modules, helpers, variables and builtins. */
const TAKEN_BY_CODE =
  'x y h x_in self torch nn F np tf jax jnp lax onnx helper numpy_helper TensorProto ReferenceEvaluator model params ' +
  'rng dtype elem nodes initializers graph Chain chain DN KERNEL_AXES torch_default conv_layer grouped_transpose ' +
  'transposed_kernel nearest_index linear_taps pool counted count starts expected i0 i1 w1 b print range len list ' +
  'dict min max sum abs id input object super bias weight';

/** nn.Module's public attributes (torch 1.13 and 2.x): a submodule named like one would be hidden by it. */
const MODULE_ATTRIBUTES =
  'T_destination add_module apply bfloat16 buffers children compile cpu cuda double dump_patches eval extra_repr ' +
  'float forward get_buffer get_extra_state get_parameter get_submodule half ipu load_state_dict modules mtia ' +
  'named_buffers named_children named_modules named_parameters parameters register_backward_hook register_buffer ' +
  'register_forward_hook register_forward_pre_hook register_full_backward_hook register_full_backward_pre_hook ' +
  'register_load_state_dict_post_hook register_load_state_dict_pre_hook register_module register_parameter ' +
  'register_state_dict_post_hook register_state_dict_pre_hook requires_grad_ set_extra_state set_submodule ' +
  'share_memory smart_apply state_dict to to_empty train training type xpu zero_grad';

const RESERVED = new Set(`${PYTHON_KEYWORDS} ${TAKEN_BY_CODE} ${MODULE_ATTRIBUTES}`.split(' '));

/** "inc-a" → "inc_a", "up ×8" → "up_8", "2nd" → "l_2nd": ASCII letters, digits and underscores. */
function sanitize(name: string): string {
  const ascii = name
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (ascii === '') return 'layer';
  return /^[0-9]/.test(ascii) ? `l_${ascii}` : ascii;
}

/** One identifier per name, in order: sanitized, never a keyword or a name the code uses, never twice. */
export function pythonIdentifiers(names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((name) => {
    const clean = sanitize(name);
    const base = RESERVED.has(clean) ? `${clean}_layer` : clean;
    let id = base;
    for (let n = 2; RESERVED.has(id) || used.has(id); n++) id = `${base}_${n}`;
    used.add(id);
    return id;
  });
}
