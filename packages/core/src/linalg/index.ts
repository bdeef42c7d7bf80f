export { cholesky, logDetFromCholesky, NotPositiveDefiniteError } from './cholesky.ts';
export { choleskyRankOne } from './cholesky-update.ts';
export { solveLower, solveLowerTransposed, mahalanobisLower } from './triangular-solve.ts';
