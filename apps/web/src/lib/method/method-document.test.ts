import { describe, expect, it } from 'vitest';
import { methodHtml, renderMethod, sectionLabel } from './method-document';

describe('method document', () => {
  it('reads section labels from headings', () => {
    expect(sectionLabel('B.7 One sweep (block collapsed Gibbs, b = 4)')).toBe('B.7');
    expect(sectionLabel('A. The pipeline')).toBe('A');
    expect(sectionLabel('L. Departures from the paper (summary)')).toBe('L');
    expect(sectionLabel("classfit's method")).toBeNull();
  });

  it('gives every lettered heading its label as id', () => {
    const html = renderMethod('# Title\n\n## H. Modes\n\n### H.1 The *split*\n\ntext');
    expect(html).toContain('<h1>Title</h1>');
    expect(html).toContain('<h2 id="H">H. Modes</h2>');
    expect(html).toContain('<h3 id="H.1">H.1 The <em>split</em></h3>');
  });

  it('has a section for every section the dashboard links to', () => {
    const html = methodHtml();
    for (const section of ['C', 'D', 'E', 'F', 'G', 'G.1', 'H.1', 'H.3', 'L']) expect(html).toContain(`id="${section}"`);
  });
});
