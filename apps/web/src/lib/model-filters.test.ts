import { describe, expect, it } from 'vitest';
import { parseModelView, toModelFilter, toModelOrder } from './model-filters';
import { hrefWith } from './search-params';

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

describe('hrefWith', () => {
  it('replaces, removes and joins keys, keeping the rest', () => {
    expect(hrefWith('/', { arch: 'resnet18', after: 'abc', sort: 'name' }, { after: null, dir: 'asc', dataset: ['a', 'b'] })).toBe(
      '/?arch=resnet18&sort=name&dir=asc&dataset=a%2Cb',
    );
    expect(hrefWith('/jobs', {}, { x: '' })).toBe('/jobs');
  });
});
