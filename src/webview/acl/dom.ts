/**
 * A tiny element builder for the ACL webview. Strings always become text nodes and attribute values (never
 * markup), so a principal such as `<img src=x onerror=...>` is shown as text.
 */
export type Child = Node | string | false | null | undefined | readonly Child[];

/** Attributes (string values; `false`/`undefined` leave it out, `true` sets it empty) and `on*` event handlers. */
export type Attributes = Record<string, string | boolean | undefined | ((event: Event) => void)>;

/** Creates `<tag>` with attributes, listeners and children. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value === 'function') element.addEventListener(name.slice(2).toLowerCase(), value);
    else if (value === true) element.setAttribute(name, '');
    else if (typeof value === 'string') element.setAttribute(name, value);
  }
  append(element, children);
  return element;
}

function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === false || child === null || child === undefined) continue;
    if (typeof child === 'string') parent.appendChild(document.createTextNode(child));
    else if (Array.isArray(child)) append(parent, child);
    else parent.appendChild(child as Node);
  }
}
