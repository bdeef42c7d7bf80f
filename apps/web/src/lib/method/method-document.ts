/**
 * The project's method document (docs/method.md) as HTML, read once at build time. Every heading gets
 * the id of its section label ("B.7 One sweep" → `B.7`), so figures link to `/method#B.7`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Marked, type Tokens } from 'marked';

/** Section label at the start of a heading: "B.7", "H.1", "A", or null. */
export function sectionLabel(heading: string): string | null {
  return /^([A-Z](?:\.\d+)?)[.\s]/.exec(heading.trim())?.[1] ?? null;
}

/** docs/method.md, found by walking up from the app's working directory (apps/web in dev, build and start). */
function methodPath(start = process.cwd()): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const candidate = join(dir, 'docs', 'method.md');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`docs/method.md not found above ${start}`);
  }
}

/** Renders markdown to HTML with section ids on headings. */
export function renderMethod(markdown: string): string {
  const marked = new Marked({
    renderer: {
      heading(this: { parser: { parseInline(tokens: Tokens.Heading['tokens']): string } }, token: Tokens.Heading) {
        const label = sectionLabel(token.text);
        const id = label ? ` id="${label}"` : '';
        return `<h${token.depth}${id}>${this.parser.parseInline(token.tokens)}</h${token.depth}>\n`;
      },
    },
  });
  return marked.parse(markdown, { async: false });
}

/** The method document as HTML. */
export function methodHtml(): string {
  return renderMethod(readFileSync(methodPath(), 'utf8'));
}
