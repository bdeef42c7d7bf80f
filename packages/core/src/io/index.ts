export { readNpy, writeNpy, type NpyArray, type NpyDtype, type NpyDataByDtype } from './npy.ts';
export { parseNpyHeader, formatNpyHeader, type NpyHeader } from './npy-header.ts';
export { toNumberArray, toInt32Labels } from './npy-convert.ts';
export { readNpyFile, writeNpyFile } from './npy-file.ts';
export { readNpz, writeNpz, readNpzFile, writeNpzFile } from './npz.ts';
export { validateActivations, validateLabels, type Activations } from './validate.ts';
export { writeFileAtomic } from './atomic-write.ts';
export { readImageNpy, writeImageNpy, type ImageArray } from './image-npy.ts';
