/**
 * The context key "Open Example" sets for the example it opened. Each walkthrough step completes on its own
 * examples' keys: completing on the command alone ticked every step that links to it at the first click.
 */
export function exampleContextKey(name: string): string {
  return `tconv.openedExample.${name.replace(/[^A-Za-z0-9]/g, '_')}`;
}
