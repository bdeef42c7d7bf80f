import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { readNpy, toNumberArray } from '@classfit/core/io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticFiles } from '../../testing/synthetic-model.ts';

const bin = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../bin/classfit.mjs');

interface HeldOut { count: number; inSampleMeanLogDensity: number; heldOutMeanLogDensity: number; gap: number }
interface ClassRow { label: number; name: string; n: number; group: string | null; meanClusters: number | null; chains: Record<string, unknown> | null; heldOut: HeldOut | null }
interface LayerRow { name: string; sourceName: string | null; meanClusters: number | null; perClass?: ClassRow[] }

describe('classfit report --per-class and classfit export on the local store', () => {
  let home: string;
  let folder: string;
  const run = async (...args: string[]) => {
    const env = { ...process.env, CLASSFIT_HOME: home, DATABASE_URL: '', CLASSFIT_BACKEND: 'cpu' };
    return promisify(execFile)(process.execPath, [bin, ...args], { env, maxBuffer: 16 * 1024 * 1024 }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
    );
  };

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'classfit-export-'));
    folder = await writeSyntheticFiles();
    const imported = await run('import', '--layer', `early=${join(folder, 'layer0.npy')}`, '--layer', `late=${join(folder, 'layer1.npy')}`,
      '--labels', join(folder, 'labels.npy'), '--name', 'tiny', '--dataset', 'synthetic');
    expect(imported.code, imported.stderr).toBe(0);
    const analysed = await run('analyze', '--model', 'tiny', '--iterations', '10', '--burn-in', '4', '--reduce', '2', '--entropy-samples', '50', '--kl-samples', '20', '--workers', '1');
    expect(analysed.code, analysed.stderr).toBe(0);
  }, 120_000);
  afterAll(async () => Promise.all([home, folder].map((f) => rm(f, { recursive: true, force: true }))));

  it('reports every class of every layer, with the one cluster count the class-fits export also gives', async () => {
    const json = await run('report', '--model', 'tiny', '--per-class', '--json');
    expect(json.code, json.stderr).toBe(0);
    const [report] = JSON.parse(json.stdout) as { layers: LayerRow[] }[];
    expect(report.layers.map((l) => [l.name, l.sourceName])).toEqual([['early', 'layer0'], ['late', 'layer1']]);
    const exported = await run('export', '--model', 'tiny', '--table', 'class-fits', '--format', 'json');
    expect(exported.code, exported.stderr).toBe(0);
    const fits = JSON.parse(exported.stdout) as ({ layer: string; label: number; n: number; group: string | null; meanClusterCount: number } & Record<string, unknown>)[];
    expect(fits).toHaveLength(6);
    for (const layer of report.layers) {
      expect(layer.perClass!.map((c) => [c.label, c.name, c.n])).toEqual([[0, 'class_0', 24], [1, 'class_1', 24], [2, 'class_2', 24]]);
      for (const c of layer.perClass!) {
        const row = fits.find((r) => r.layer === layer.name && r.label === c.label)!;
        expect(c.meanClusters).toBeCloseTo(row.meanClusterCount, 12);
        expect(c.group).toBe(row.group);
        // The between-chain figures are the exported ones (two chains by default).
        expect(c.chains).toEqual({
          meanLogDensities: row.chainMeanLogDensities, meanLogDensitySd: row.meanLogDensityChainSd, relativeEntropies: row.chainRelativeEntropies,
          relativeEntropySd: row.relativeEntropyChainSd, logLikelihoodRHat: row.logLikelihoodRHat, clusterCountRHat: row.clusterCountRHat, groupAgreement: row.groupChainAgreement,
        });
        expect(row.chainMeanLogDensities).toHaveLength(2);
        // Held-out densities: the export's columns are the report's, null together when nothing of the class was held out.
        expect(c.heldOut).toEqual(row.heldOutCount === null ? null : {
          count: row.heldOutCount, inSampleMeanLogDensity: row.heldOutInSampleMeanLogDensity, heldOutMeanLogDensity: row.heldOutMeanLogDensity, gap: row.heldOutGap,
        });
        if (c.heldOut) expect(c.heldOut.gap).toBeCloseTo(c.heldOut.inSampleMeanLogDensity - c.heldOut.heldOutMeanLogDensity, 12);
      }
      // The only held-out subset (no memorization scores: \`random\`, 10 % of 72 examples = 7) is spread over the classes.
      expect(layer.perClass!.reduce((a, c) => a + (c.heldOut?.count ?? 0), 0)).toBe(7);
      const mean = layer.perClass!.reduce((a, c) => a + c.meanClusters!, 0) / 3;
      expect(layer.meanClusters).toBeCloseTo(mean, 12);
    }
    const markdown = await run('report', '--model', 'tiny', '--per-class');
    expect(markdown.stdout).toContain('#### early (layer0): per class');
    expect(markdown.stdout.match(/^\| \d \| class_\d \| 24 \|/gm)).toHaveLength(6);
    expect(markdown.stdout).toContain('| held out: in-sample / held-out mean log-dens. | gap | held out |');
    const withHeldOut = report.layers[0].perClass!.find((c) => c.heldOut)!.heldOut!;
    expect(markdown.stdout).toContain(`| ${withHeldOut.inSampleMeanLogDensity.toFixed(2)} / ${withHeldOut.heldOutMeanLogDensity.toFixed(2)} | ${withHeldOut.gap.toFixed(2)} | ${withHeldOut.count} |`);
    expect((await run('report', '--model', 'tiny')).stdout).not.toContain('per class');
  });

  it('exports the API export tables as CSV, JSON and .npy by model and layer name', async () => {
    const csv = await run('export', '--model', 'tiny', '--table', 'class-fits');
    expect(csv.code, csv.stderr).toBe(0);
    const lines = csv.stdout.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'id,layer,label,n,meanLogDensity,sdLogDensity,relativeEntropy,relativeEntropySe,meanDistance,group,meanClusterCount,' +
        'chains,meanLogDensityChainSd,relativeEntropyChainSd,chainMeanLogDensities,chainRelativeEntropies,groupChainAgreement,logLikelihoodRHat,clusterCountRHat,' +
        'heldOutCount,heldOutInSampleMeanLogDensity,heldOutMeanLogDensity,heldOutGap',
    );
    expect(lines.slice(1).map((l) => l.split(',').slice(1, 4).join(','))).toEqual(['early,0,24', 'early,1,24', 'early,2,24', 'late,0,24', 'late,1,24', 'late,2,24']);

    const npyPath = join(home, 'scores.npy');
    const npy = await run('export', '--model', 'tiny', '--layer', 'layer1', '--table', 'example-scores', '--format', 'npy', '--out', npyPath, '--json');
    expect(npy.code, npy.stderr).toBe(0);
    expect(JSON.parse(npy.stdout)).toEqual({
      table: 'example-scores', format: 'npy', rows: 72, columns: ['exampleIndex', 'label', 'logDensity', 'predictedLabel'], droppedColumns: [], out: npyPath,
    });
    const array = readNpy(new Uint8Array(await readFile(npyPath)), npyPath);
    expect(array.shape).toEqual([72, 4]);
    const values = toNumberArray(array, npyPath);
    const labels = toNumberArray(readNpy(new Uint8Array(await readFile(join(folder, 'labels.npy'))), 'labels'), 'labels');
    for (let i = 0; i < 72; i++) {
      expect(values[i * 4]).toBe(i);
      expect(values[i * 4 + 1]).toBe(labels[i]);
      expect(Number.isFinite(values[i * 4 + 2])).toBe(true);
    }
    const jsonPath = join(home, 'scores.json');
    expect((await run('export', '--model', 'tiny', '--layer', 'late', '--table', 'example-scores', '--format', 'json', '--out', jsonPath)).stdout)
      .toBe(`wrote ${jsonPath}: 72 rows of example-scores (json); columns exampleIndex, label, logDensity, predictedLabel\n`);
    const rows = JSON.parse(await readFile(jsonPath, 'utf8')) as { exampleIndex: number; logDensity: number }[];
    expect(rows.map((r) => r.logDensity)).toEqual(Array.from({ length: 72 }, (_, i) => values[i * 4 + 2]));

    const fitsNpy = await run('export', '--model', 'tiny', '--table', 'class-fits', '--format', 'npy', '--out', join(home, 'fits.npy'));
    // 8 numeric columns, 6 numeric chain columns and 4 held-out ones; the per-chain lists are not one number, so they are left out too.
    expect(fitsNpy.stdout).toMatch(/float64 \[6, 18\]\); columns label, n, .*; left out \(not numeric\): id, layer, group, chainMeanLogDensities, chainRelativeEntropies\n$/);
  });

  it('says what is missing or wrong, exit code 2', async () => {
    const noLayer = await run('export', '--model', 'tiny', '--table', 'example-scores');
    expect(noLayer).toMatchObject({ code: 2, stderr: expect.stringMatching(/this table is per layer: give --layer \(one of early \(layer0\), late \(layer1\)\)/) });
    expect((await run('export', '--model', 'tiny', '--table', 'kl-matrix', '--layer', 'stage9')).stderr).toMatch(/model "tiny" has no layer "stage9"; its layers: early \(layer0\), late \(layer1\)/);
    expect((await run('export', '--model', 'nope', '--table', 'class-fits')).stderr).toMatch(/model "nope" not found/);
    expect((await run('export', '--model', 'tiny', '--table', 'class-fits', '--format', 'npy')).stderr).toMatch(/--format npy needs --out FILE/);
    expect((await run('export', '--model', 'tiny', '--table', 'fits')).stderr).toMatch(/--table must be one of models, class-fits, example-scores/);
    expect((await run('export', '--model', 'tiny', '--table', 'class-fits', '--run', '99')).stderr).toMatch(/FitRun .* not found/);
  });
});
