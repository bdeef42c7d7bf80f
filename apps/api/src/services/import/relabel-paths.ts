/**
 * Imports that read from a private temporary folder (an upload's files, a checked server folder) report problems
 * and warnings by the names the client knows — a file's name in the upload, or its real path inside an import
 * root — never by the temporary folder.
 */
import { ValidationError } from '../errors.ts';
import type { ImportModelResult } from '../import-model.ts';

/** `text` with `folder/` replaced by `label/` (nothing when `label` is empty) and a bare `folder` by `label`. */
function swap(text: string, folder: string, label: string): string {
  return text.split(`${folder}/`).join(label ? `${label}/` : '').split(folder).join(label || 'the folder');
}

/** `error`'s problems with every mention of `folder` replaced by `label`. */
export function relabelProblems(error: ValidationError, folder: string, label: string): ValidationError {
  const problems = error.problems.map((p) => ({ field: swap(p.field, folder, label), message: swap(p.message, folder, label) }));
  return new ValidationError(problems, `cannot import (${problems.length} problem${problems.length === 1 ? '' : 's'})`);
}

/** The result with its warnings and the labels' source relabelled the same way. */
export function relabelResult(result: ImportModelResult, folder: string, label: string): ImportModelResult {
  const warnings = relabelProblems(new ValidationError(result.warnings), folder, label).problems;
  return { ...result, warnings, labelsFrom: swap(result.labelsFrom, folder, label) };
}
