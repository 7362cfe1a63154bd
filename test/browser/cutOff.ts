/**
 * What the layout tests look for, as a page expression: elements whose right edge passes the viewport and that no
 * horizontally scrollable ancestor holds (an ancestor with overflow-x auto or scroll that is itself within the
 * viewport), described as "tag.class (right edge)".
 */
export const CUT_OFF = `(() => {
  const width = document.documentElement.clientWidth;
  const scrolls = (e) => {
    const s = getComputedStyle(e);
    return (s.overflowX === 'auto' || s.overflowX === 'scroll') && e.getBoundingClientRect().right <= width + 1;
  };
  const cut = [];
  for (const e of document.body.querySelectorAll('*')) {
    const r = e.getBoundingClientRect();
    if (r.width === 0 || r.right <= width + 1) continue;
    let held = false;
    for (let a = e.parentElement; a && !held; a = a.parentElement) held = scrolls(a);
    if (!held) cut.push(e.tagName.toLowerCase() + '.' + [...e.classList].join('.') + ' (' + Math.round(r.right) + ')');
  }
  return cut.slice(0, 8);
})()`;
