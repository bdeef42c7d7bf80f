export { lgamma } from './lgamma.ts';
export { digamma } from './digamma.ts';
