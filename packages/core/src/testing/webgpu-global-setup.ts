/**
 * Global setup of the webgpu vitest project: probes the adapter once, in the
 * main process. Without one the project's files skip, and this prints the one
 * line that says why; with CLASSFIT_REQUIRE_WEBGPU=1 (CI) it throws, failing the run.
 */
import { formatAdapter } from '../tensor/index.ts';
import { WEBGPU_REQUIRED, webgpuUnavailable } from './webgpu.ts';
import { getBackendInfo } from '../tensor/index.ts';

export default async function setup(): Promise<void> {
  const reason = await webgpuUnavailable();
  if (reason === null) {
    console.log(`webgpu project: adapter ${formatAdapter(getBackendInfo()!.adapter!)}`);
    return;
  }
  if (WEBGPU_REQUIRED) throw new Error(`webgpu project: CLASSFIT_REQUIRE_WEBGPU=1 but ${reason}`);
  console.log(`webgpu project skipped: ${reason} (CI sets CLASSFIT_REQUIRE_WEBGPU=1 to make this a failure)`);
}
