import { describe, expect, it } from 'vitest';
import { modelViewHref, parseModelView, toModelFilter, toModelOrder, toPageWindow } from './model-filters';

describe('parseModelView', () => {
  it('defaults to newest first, 50 a page, no filter', () => {
    const view = parseModelView({});
    expect(view).toMatchObject({ sort: 'created', dir: 'desc', first: 50, match: 'all' });
    expect(toModelFilter(view)).toBeUndefined();
    expect(toModelOrder(view)).toEqual({ field: 'CREATED_AT', direction: 'DESC' });
  });

  it('ignores unknown statuses and sort keys and caps the page size at 100', () => {
    const view = parseModelView({ status: 'running,bogus', sort: 'colour', first: '5000' });
    expect(view.statuses).toEqual(['RUNNING']);
    expect(view.sort).toBe('created');
    expect(view.first).toBe(100);
  });
});

describe('toModelFilter', () => {
  it('turns comma lists into "in" conditions joined by AND', () => {
    const filter = toModelFilter(parseModelView({ arch: 'resnet18,resnet50', dataset: 'cifar100' }));
    expect(filter).toEqual({ and: [{ architecture: { in: ['resnet18', 'resnet50'] } }, { dataset: { in: ['cifar100'] } }] });
  });

  it('accepts repeated keys as a plain GET form sends them', () => {
    expect(toModelFilter(parseModelView({ arch: ['resnet18', 'resnet50,resnet18'] }))).toEqual({ architecture: { in: ['resnet18', 'resnet50'] } });
  });

  it('joins by OR with match=any and returns a single condition bare', () => {
    expect(toModelFilter(parseModelView({ q: 'seed', status: 'FAILED', match: 'any' }))).toEqual({
      or: [{ name: { contains: 'seed' } }, { status: ['FAILED'] }],
    });
    expect(toModelFilter(parseModelView({ q: ' r18 ' }))).toEqual({ name: { contains: 'r18' } });
  });

  it('requires every tag with tags=all, any tag otherwise', () => {
    expect(toModelFilter(parseModelView({ tag: 'paper,v2', tags: 'all' }))).toEqual({ and: [{ tag: { eq: 'paper' } }, { tag: { eq: 'v2' } }] });
    expect(toModelFilter(parseModelView({ tag: 'paper,v2' }))).toEqual({ tag: { in: ['paper', 'v2'] } });
  });
});

describe('modelViewHref', () => {
  it('replaces, removes and joins keys, keeping the rest and leaving defaults out', () => {
    const view = parseModelView({ arch: 'resnet18', after: 'abc', sort: 'name', dir: 'desc', first: '50' });
    expect(modelViewHref(view, { after: null, dir: 'asc', datasets: ['a', 'b'] })).toBe('/?arch=resnet18&dataset=a,b&sort=name&dir=asc');
    expect(modelViewHref(parseModelView({}))).toBe('/');
  });

  it('writes a view that reads back as the same view (a shared URL opens the same table)', () => {
    const view = parseModelView({ q: 'seed', status: 'failed,running', tag: 'paper,v2', tags: 'all', accmin: '0.2', match: 'any', first: '20', before: 'B' });
    const href = modelViewHref(view);
    expect(href).toBe('/?q=seed&status=FAILED,RUNNING&tag=paper,v2&tags=all&accmin=0.2&match=any&first=20&before=B');
    expect(parseModelView(new URL(href, 'http://x').searchParams)).toEqual(view);
  });
});

describe('new columns, accuracy bounds and page position', () => {
  it('sorts by the dataset, layer, class and status columns', () => {
    expect(toModelOrder(parseModelView({ sort: 'layers', dir: 'asc' }))).toEqual({ field: 'LAYER_COUNT', direction: 'ASC' });
    expect(toModelOrder(parseModelView({ sort: 'classes' }))).toEqual({ field: 'CLASS_COUNT', direction: 'DESC' });
    expect(toModelOrder(parseModelView({ sort: 'dataset' })).field).toBe('DATASET');
    expect(toModelOrder(parseModelView({ sort: 'status' })).field).toBe('STATUS');
  });

  it('turns accmin/accmax into one inclusive accuracy condition, ignoring values outside [0, 1]', () => {
    expect(toModelFilter(parseModelView({ accmin: '0.7' }))).toEqual({ accuracy: { gte: 0.7 } });
    expect(toModelFilter(parseModelView({ accmin: '0.2', accmax: '0.9' }))).toEqual({ accuracy: { gte: 0.2, lte: 0.9 } });
    expect(toModelFilter(parseModelView({ accmin: '70', accmax: 'x' }))).toBeUndefined();
    expect(toModelFilter(parseModelView({ accmax: '0', q: 'a' }))).toEqual({ and: [{ name: { contains: 'a' } }, { accuracy: { lte: 0 } }] });
  });

  it('pages forwards after a cursor, or backwards before one (before wins)', () => {
    expect(toPageWindow(parseModelView({ first: '20' }))).toEqual({ first: 20 });
    expect(toPageWindow(parseModelView({ first: '20', after: 'A' }))).toEqual({ first: 20, after: 'A' });
    expect(toPageWindow(parseModelView({ first: '20', after: 'A', before: 'B' }))).toEqual({ last: 20, before: 'B' });
  });
});
