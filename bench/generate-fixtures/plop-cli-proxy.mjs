/**
 * PROXY for the plop CLI (`plop --plopfile <file> --dest <dir> component <Name>`), used when the
 * `plop` package is not installed (only node-plop is): what plop does for one bypassed generation,
 * through node-plop: load the plopfile, bypass the prompt with the name, run the 3 `add` actions.
 * The real CLI also loads liftoff, minimist, ora, chalk, etc., so this is a lower bound for it.
 *
 *   node bench/generate-fixtures/plop-cli-proxy.mjs <plopfile> <dest> <generator> <Name>
 */
import nodePlop from 'node-plop';

const [plopfile, dest, generatorName, ...bypass] = process.argv.slice(2);
const plop = await nodePlop(plopfile, { destBasePath: dest, force: false });
const generator = plop.getGenerator(generatorName);
const answers = await generator.runPrompts(bypass);
const result = await generator.runActions(answers);
for (const change of result.changes) process.stdout.write(`✔  ++ ${change.path}\n`);
if (result.failures.length > 0) {
  for (const failure of result.failures) process.stderr.write(`✖  ${failure.error}\n`);
  process.exitCode = 1;
}
