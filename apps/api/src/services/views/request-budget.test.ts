import { describe, expect, it } from 'vitest';
import { BadUserInputError } from '../errors.ts';
import { createRequestBudget } from './request-budget.ts';

describe('the per-request budget', () => {
  it('charges points across fields and refuses the one that passes the limit', () => {
    const budget = createRequestBudget({ points: 100 });
    budget.chargePoints(60, 'points');
    expect(() => budget.chargePoints(41, 'points')).toThrow(BadUserInputError);
    budget.chargePoints(40, 'points');
    expect(budget.used().points).toBe(100);
  });

  it('reserves a listing\'s page before it runs and settles for what came back', () => {
    const budget = createRequestBudget({ nodes: 250 });
    budget.reserveNodes(100, 'Query.models');
    budget.reserveNodes(100, 'Model.layers');
    expect(() => budget.reserveNodes(100, 'Model.layers')).toThrow(/lists more than 250 objects/);
    budget.settleNodes(100, 3);
    budget.settleNodes(100, 4);
    expect(budget.used().nodes).toBe(7);
    budget.reserveNodes(100, 'Layer.classFits');
    budget.settleNodes(100, 243);
    expect(budget.used().nodes).toBe(250);
    expect(() => budget.reserveNodes(0, 'Layer.classFits')).toThrow(BadUserInputError);
  });
});
