import { InvalidArgumentError } from '../errors/index.ts';

/** Classification metrics, sklearn-compatible. */
export interface ClassificationMetrics {
  readonly accuracy: number;
  /** `f1_score(average='weighted')`: per-label F1 weighted by true support. */
  readonly weightedF1: number;
  /** `f1_score(average='macro')`: unweighted mean over labels. */
  readonly macroF1: number;
}

/**
 * Accuracy, support-weighted F1 (METHOD.md G's metric) and macro F1, matching
 * sklearn.metrics: labels are the sorted union of true and predicted labels;
 * a label with no prediction (or no support) has precision (recall) 0 and
 * F1 = 2·tp / (2·tp + fp + fn), 0 when tp = 0 (`zero_division` default).
 * @param truth [n] true labels
 * @param predicted [n] predicted labels
 */
export function classificationMetrics(truth: ArrayLike<number>, predicted: ArrayLike<number>): ClassificationMetrics {
  const n = truth.length;
  if (predicted.length !== n) throw new InvalidArgumentError('predicted', `must have ${n} entries, got ${predicted.length}`);
  if (n === 0) throw new InvalidArgumentError('truth', 'must not be empty');
  const counts = new Map<number, { tp: number; fp: number; fn: number; support: number }>();
  const entry = (label: number) => {
    let e = counts.get(label);
    if (!e) counts.set(label, (e = { tp: 0, fp: 0, fn: 0, support: 0 }));
    return e;
  };
  let correct = 0;
  for (let i = 0; i < n; i++) {
    const t = Number(truth[i]);
    const p = Number(predicted[i]);
    entry(t).support++;
    if (t === p) {
      entry(t).tp++;
      correct++;
    } else {
      entry(t).fn++;
      entry(p).fp++;
    }
  }
  let weighted = 0;
  let macro = 0;
  for (const { tp, fp, fn, support } of counts.values()) {
    const f1 = tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
    weighted += f1 * support;
    macro += f1;
  }
  return { accuracy: correct / n, weightedF1: weighted / n, macroF1: macro / counts.size };
}
