/**
 * A small strict XML reader (no dependency): elements, attributes, text with the five named entities
 * and numeric references, comments, the prolog and CDATA. It throws on anything not well-formed —
 * mismatched or unclosed tags, a bare `&` or `<` in text, more than one root — which is what a
 * metadata deploy would reject first.
 */
export class XmlElement {
  readonly children: XmlElement[] = [];
  text = '';
  constructor(
    readonly name: string,
    readonly attrs: Record<string, string>,
  ) {}
  child(name: string): XmlElement | undefined {
    return this.children.find((c) => c.name === name);
  }
  /** Every element at a slash-separated path below this one. */
  all(path: string): XmlElement[] {
    return path
      .split('/')
      .reduce<XmlElement[]>((level, step) => level.flatMap((e) => e.children.filter((c) => c.name === step)), [this]);
  }
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };

function decode(raw: string): string {
  if (raw.includes('<')) throw new Error('unescaped < in text');
  return raw.replace(/&([^;\s]*);?/g, (whole, name: string) => {
    if (!whole.endsWith(';')) throw new Error(`bare & (not an entity) near "${raw.slice(0, 40)}"`);
    if (name in ENTITIES) return ENTITIES[name]!;
    const code = /^#x([0-9a-f]+)$/i.exec(name)
      ? parseInt(name.slice(2), 16)
      : /^#(\d+)$/.exec(name)
        ? Number(name.slice(1))
        : NaN;
    if (Number.isNaN(code)) throw new Error(`unknown entity &${name};`);
    return String.fromCodePoint(code);
  });
}

export function parseXml(source: string): XmlElement {
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let i = 0;
  const fail = (message: string): never => {
    throw new Error(`${message} at offset ${i}`);
  };
  while (i < source.length) {
    const lt = source.indexOf('<', i);
    const textEnd = lt === -1 ? source.length : lt;
    const raw = source.slice(i, textEnd);
    if (stack.length) stack[stack.length - 1]!.text += decode(raw);
    else if (raw.trim()) fail('text outside the root element');
    if (lt === -1) break;
    i = lt;
    if (source.startsWith('<?', i)) i = skipPast(source, '?>', i) ?? fail('unclosed processing instruction');
    else if (source.startsWith('<!--', i)) i = skipPast(source, '-->', i) ?? fail('unclosed comment');
    else if (source.startsWith('<![CDATA[', i)) {
      const end = source.indexOf(']]>', i);
      if (end === -1 || !stack.length) fail('bad CDATA');
      stack[stack.length - 1]!.text += source.slice(i + 9, end);
      i = end + 3;
    } else if (source.startsWith('</', i)) {
      const m = /^<\/([\w:.-]+)\s*>/.exec(source.slice(i)) ?? fail('bad closing tag');
      const open = stack.pop();
      if (!open || open.name !== m[1]) fail(`mismatched </${m[1]}> (open: ${open?.name ?? 'none'})`);
      i += m[0].length;
    } else {
      const m =
        /^<([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/.exec(source.slice(i)) ?? fail('bad tag');
      const attrs: Record<string, string> = {};
      for (const a of m[2]!.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g))
        attrs[a[1]!] = decode(a[2] ?? a[3] ?? '');
      const element = new XmlElement(m[1]!, attrs);
      if (stack.length) stack[stack.length - 1]!.children.push(element);
      else if (root) fail('more than one root element: XML has one root');
      else root = element;
      if (!m[3]) stack.push(element);
      i += m[0].length;
    }
  }
  if (stack.length) fail(`unclosed <${stack[stack.length - 1]!.name}>`);
  if (!root) fail('no root element');
  const trim = (e: XmlElement) => {
    e.text = e.text.trim();
    e.children.forEach(trim);
  };
  trim(root!);
  return root!;
}

function skipPast(source: string, marker: string, from: number): number | null {
  const at = source.indexOf(marker, from);
  return at === -1 ? null : at + marker.length;
}
