export { InvalidArgumentError, require } from './invalid-argument.ts';
