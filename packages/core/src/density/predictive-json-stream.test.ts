import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatPredictive, parsePredictive, readPredictiveJsonFile, writePredictiveFile } from './predictive-file.ts';
import type { PredictiveModel } from './predictive-model.ts';
import { fixturePath } from './test-support.ts';

const dir = mkdtempSync(join(tmpdir(), 'classfit-predictive-stream-'));
const text = (file: string) => readFileSync(fixturePath('density', file), 'utf8');

/** `copies` relabelled copies of every class of `model`: a file many classes long. */
function widen(model: PredictiveModel, copies: number): PredictiveModel {
  const classes = Array.from({ length: copies }, (_, r) => model.classes.map((c) => ({ ...c, label: c.label + 1000 * r, name: `${c.name}-${r}` }))).flat();
  return { ...model, classes };
}

describe('readPredictiveJsonFile (streamed)', () => {
  afterEach(() => vi.restoreAllMocks());

  it.each(['mixture-2.predictive.json', 'mixture-16.predictive.json', 'mixture-64.predictive.json'])('reads %s as parsePredictive does', async (file) => {
    const path = join(dir, file);
    writeFileSync(path, text(file));
    expect(formatPredictive(await readPredictiveJsonFile(path))).toBe(formatPredictive(parsePredictive(JSON.parse(text(file)))));
  });

  it('accepts members in any order and any whitespace (another writer, e.g. json.dump(indent=2))', async () => {
    const doc = JSON.parse(text('mixture-16.predictive.json'));
    const reordered = { classes: doc.classes, traceAveraging: doc.traceAveraging, dim: doc.dim, format: doc.format };
    const path = join(dir, 'reordered.json');
    writeFileSync(path, JSON.stringify(reordered, null, 2));
    expect(formatPredictive(await readPredictiveJsonFile(path))).toBe(formatPredictive(parsePredictive(doc)));
  });

  it('never decodes more than one class at a time', async () => {
    const model = widen(parsePredictive(JSON.parse(text('mixture-64.predictive.json'))), 12);
    const path = join(dir, 'wide.json');
    await writePredictiveFile(path, model);
    const fileSize = readFileSync(path).length;
    const parse = vi.spyOn(JSON, 'parse');
    const back = await readPredictiveJsonFile(path);
    const longest = Math.max(...parse.mock.calls.map(([s]) => String(s).length));
    parse.mockRestore();
    expect(back.classes.length).toBe(model.classes.length);
    expect(formatPredictive(back)).toBe(formatPredictive(model));
    // The longest piece decoded is one class: well under a tenth of a 36-class file.
    expect(longest).toBeLessThan(fileSize / 10);
  });

  it('names the JSON path, the byte offset of broken syntax, unknown and repeated keys', async () => {
    const write = (name: string, content: string) => {
      writeFileSync(join(dir, name), content);
      return readPredictiveJsonFile(join(dir, name)).then(
        () => ({ message: 'no error' }),
        (e: Error) => e,
      );
    };
    const doc = JSON.parse(text('mixture-2.predictive.json'));
    doc.classes[1].components[0].loc = [0, 'x'];
    expect((await write('loc.json', JSON.stringify(doc))).message).toContain('classes[1].components[0].loc[1] must be a finite number');
    expect((await write('cut.json', text('mixture-2.predictive.json').slice(0, 300))).message).toMatch(/is not valid JSON: unexpected end of the document at byte 300/);
    expect((await write('extra.json', '{"format":"classfit.predictive/v1","extra":1}')).message).toContain("(root) has unknown key 'extra'");
    expect((await write('twice.json', '{"dim":2,"dim":3}')).message).toContain('dim is given twice');
    expect((await write('noclasses.json', '{"format":"classfit.predictive/v1","dim":2}')).message).toContain('classes must be an array');
    expect((await write('notarray.json', '{"format":"classfit.predictive/v1","dim":2,"classes":{}}')).message).toContain('member "classes" must be an array');
    const missing = await readPredictiveJsonFile(join(dir, 'none.json')).catch((e: Error & { parameter?: string }) => e);
    expect(missing).toMatchObject({ name: 'InvalidArgumentError', parameter: join(dir, 'none.json') });
  });
});
