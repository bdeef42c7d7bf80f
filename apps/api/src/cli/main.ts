/** `classfit` command-line entry: dispatches to one module per command. */
const [command] = process.argv.slice(2);
if (!command || command === '--help' || command === '-h') {
  process.stdout.write('classfit <command> [options]\n\nCommands:\n  fit     fit per-class DP-GMM densities to one layer\n  score   score points under a fitted predictive file\n');
  process.exit(0);
}
process.stderr.write(`classfit: unknown command "${command}" (try classfit --help)\n`);
process.exit(2);
