export { InvalidArgumentError } from './invalid-argument.ts';
