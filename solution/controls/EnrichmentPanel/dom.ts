/* Small DOM helpers. Every value goes in through textContent or an attribute, never as markup. */

export type Child = Node | string | null | undefined | false | readonly Child[];

export type Attributes = Record<string, string | number | boolean | null | undefined | ((event: Event) => void)>;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attributes?: Attributes, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === "function") node.addEventListener(name.slice(2), value);
    else if (name === "class") node.className = String(value);
    else if (name === "text") node.textContent = String(value);
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  append(node, children);
  return node;
}

function append(node: Element, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else node.append(child as Node | string);
  }
}

/** Flattens children for replaceChildren. */
export function nodes(...children: Child[]): (Node | string)[] {
  const out: (Node | string)[] = [];
  const walk = (list: readonly Child[]) => {
    for (const child of list) {
      if (child === null || child === undefined || child === false) continue;
      if (Array.isArray(child)) walk(child);
      else out.push(child as Node | string);
    }
  };
  walk(children);
  return out;
}

/**
 * A missing privilege, in words a sales user can act on: what could not be read and the security role to ask for (the
 * privilege and code stay at the end for the administrator). Null for any other error.
 */
export function permissionError(error: unknown, role: string, tables: ReadonlyMap<string, string>): string | null {
  const candidate = error as { message?: unknown; errorCode?: unknown } | null;
  const message = candidate && typeof candidate.message === "string" ? candidate.message : "";
  const privilege = /\b(prv(Read|Write|Create|AppendTo|Append)([a-z_0-9]+))\b/i.exec(message);
  const code = candidate && typeof candidate.errorCode === "number" ? candidate.errorCode >>> 0 : null;
  if (!privilege && code !== 0x80040220) return null;
  const what = privilege ? tables.get(privilege[3].toLowerCase()) ?? privilege[3] : "this information";
  return "Your security roles do not let you read " + what + ". Ask your administrator for the role \u201c" + role + "\u201d"
    + (privilege ? " (missing privilege " + privilege[1] + (code !== null ? ", 0x" + code.toString(16) : "") + ")." : ".");
}

/** A Web API error as one short sentence: its first line and the Dataverse error code; never a stack. */
export function readableError(error: unknown): string {
  const candidate = error as { message?: unknown; errorCode?: unknown } | null;
  const message = candidate && typeof candidate.message === "string" ? candidate.message.split(/\r?\n/)[0].trim() : "";
  const code = candidate && typeof candidate.errorCode === "number" ? " (0x" + (candidate.errorCode >>> 0).toString(16) + ")" : "";
  return message && message.length <= 160 ? message + code : "The service did not answer" + code + ".";
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A record id as the Web API wants it in a filter: bare and lower case; null for anything else. */
export function cleanId(id: unknown): string | null {
  const value = String(id ?? "").replace(/[{}]/g, "").toLowerCase();
  return GUID.test(value) ? value : null;
}
