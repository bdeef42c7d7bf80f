// Preloaded (`node --require`) into processes the demo starts that are not classfit's own (the dashboard's
// `next start`): when the demo dies without stopping them (SIGKILL), they get a SIGTERM instead of living on.
'use strict';
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.kill(process.pid, 'SIGTERM');
}, 500).unref();
