export { ARCHITECTURES, CONV_DEPTH, validateSpec } from './architecture.ts';
export type { ArchitectureName, ArchitectureSpec } from './architecture.ts';
export { STAGE_OUTPUT_NAMES } from './layers.ts';
export { buildNetwork } from './network.ts';
export type { ClassfitNetwork } from './network.ts';
export { buildResnet } from './resnet.ts';
export { buildPlainCnn } from './plain-cnn.ts';
export { initTrainingBackend } from './runtime.ts';
export { registerWasmTrainingKernels } from './wasm-kernels/index.ts';
