// Worker threads do not inherit the parent's `--import tsx` hooks: register tsx here, then load the TS worker.
import { register } from 'tsx/esm/api';

register();
await import('./training-worker.ts');
