export { cholesky, logDetFromCholesky, NotPositiveDefiniteError } from './cholesky.ts';
export { choleskyRankOne } from './cholesky-update.ts';
export { solveLower, solveLowerTransposed, mahalanobisLower } from './triangular-solve.ts';
export { invertLower } from './triangular-inverse.ts';
export { symmetricEigen, type SymmetricEigen } from './symmetric-eigen.ts';
export { gramMatrix, gramMatrixTensor } from './gram.ts';
export { truncatedSvdViaGram, svdFromGram, project, type TruncatedSvd, type SvdOptions } from './svd.ts';
