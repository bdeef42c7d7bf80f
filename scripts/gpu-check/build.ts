/**
 * Builds the self-contained GPU-check bundle for a bare GPU machine (no network, no Node.js):
 * gpu-check.tar.gz holding this machine's Node.js binary, an esbuild bundle of check.ts (classfit's
 * core, TensorFlow.js and its webgpu/wasm backends), dawn.node, the wasm backend's .wasm files, the
 * Vulkan loader (used only where the machine has none) and run.sh. Fails when it is 60 MiB or more.
 *
 *   npx tsx scripts/gpu-check/build.ts [--out DIR]     (default scripts/gpu-check/dist)
 *   bash scripts/gpu-check/run.sh [scripts/gpu-check/dist/gpu-check.tar.gz] [--size paper|small]
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const LIMIT_BYTES = 60 * 2 ** 20;
const here = import.meta.dirname;
const require = createRequire(import.meta.url);
const { values } = parseArgs({ options: { out: { type: 'string', default: join(here, 'dist') } } });
const out = resolve(values.out!);

const stage = mkdtempSync(join(tmpdir(), 'gpu-check-'));
const root = join(stage, 'gpu-check');
try {
  mkdirSync(root, { recursive: true });
  // ESM output; the CommonJS parts (TensorFlow.js's node builds, the emscripten glue) expect require/__dirname.
  await build({
    entryPoints: [join(here, 'check.ts')],
    outfile: join(root, 'check.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
    // Only reached by tfjs-core's fetch polyfill, which the check never uses.
    external: ['node-fetch'],
    banner: {
      js: [
        "import { createRequire as __gpuCheckRequire } from 'node:module';",
        "import { fileURLToPath as __gpuCheckPath } from 'node:url';",
        'const require = __gpuCheckRequire(import.meta.url);',
        'const __filename = __gpuCheckPath(import.meta.url);',
        "const __dirname = __gpuCheckPath(new URL('.', import.meta.url));",
      ].join('\n'),
    },
  });
  // The webgpu package loads <its dir>/dist/<platform>-<arch>/dawn.node; bundled, its dir is the bundle's.
  const dawn = join(dirname(require.resolve('webgpu/package.json')), 'dist', 'linux-x64', 'dawn.node');
  copyInto(dawn, join(root, 'dist', 'linux-x64', 'dawn.node'));
  // core's registerWasm resolves the .wasm files through node_modules next to the bundle.
  const wasmDist = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
  const wasmTarget = join(root, 'node_modules', '@tensorflow', 'tfjs-backend-wasm');
  copyInto(join(wasmDist, '..', 'package.json'), join(wasmTarget, 'package.json'));
  for (const file of readdirSync(wasmDist).filter((f) => f.endsWith('.wasm'))) copyInto(join(wasmDist, file), join(wasmTarget, 'dist', file));
  // core's WebAssembly SIMD kernels (linalg/wasm/kernel-heap.ts) read ./kernels.wasm beside their module: the bundle.
  copyInto(join(here, '..', '..', 'packages', 'core', 'src', 'linalg', 'wasm', 'kernels.wasm'), join(root, 'kernels.wasm'));
  copyInto(realpathSync(process.execPath), join(root, 'bin', 'node'));
  chmodSync(join(root, 'bin', 'node'), 0o755);
  const loader = vulkanLoader();
  if (loader) copyInto(loader, join(root, 'lib', 'libvulkan.so.1'));
  else console.warn('gpu-check: no libvulkan.so.1 here to bundle; the GPU machine must have its own Vulkan loader');
  copyInto(join(here, 'run.sh'), join(root, 'run.sh'));
  chmodSync(join(root, 'run.sh'), 0o755);

  mkdirSync(out, { recursive: true });
  const tarball = join(out, 'gpu-check.tar.gz');
  execFileSync('tar', ['-czf', tarball, '-C', stage, 'gpu-check']);
  const bytes = statSync(tarball).size;
  console.log(`gpu-check: ${tarball} ${(bytes / 2 ** 20).toFixed(1)} MiB (limit 60 MiB)`);
  for (const [name, path] of [['node', join(root, 'bin', 'node')], ['dawn.node', join(root, 'dist', 'linux-x64', 'dawn.node')], ['check.mjs', join(root, 'check.mjs')]]) {
    console.log(`  ${name}: ${(statSync(path).size / 2 ** 20).toFixed(1)} MiB uncompressed`);
  }
  if (bytes >= LIMIT_BYTES) {
    console.error(`gpu-check: the bundle is ${(bytes / 2 ** 20).toFixed(1)} MiB, over the 60 MiB limit`);
    process.exitCode = 1;
  }
} finally {
  rmSync(stage, { recursive: true, force: true });
}

function copyInto(from: string, to: string): void {
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(from, to);
}

/** This machine's Vulkan loader (the file libvulkan.so.1 points at), if any. */
function vulkanLoader(): string | null {
  for (const dir of ['/usr/lib/x86_64-linux-gnu', '/usr/lib64', '/usr/lib', '/lib/x86_64-linux-gnu']) {
    const path = join(dir, 'libvulkan.so.1');
    if (existsSync(path)) return realpathSync(path);
  }
  return null;
}
