/**
 * fast-check settings for the fuzz (property) tests: a fixed seed and a modest run count in CI, so a
 * failure reproduces; `npm run fuzz` sets FUZZ_RUNS (and optionally FUZZ_SEED) for a longer search.
 */
export function fuzzOptions(baseRuns: number): { seed: number; numRuns: number } {
  const runs = Number(process.env.FUZZ_RUNS);
  const seed = Number(process.env.FUZZ_SEED);
  return { seed: Number.isInteger(seed) ? seed : 42, numRuns: Number.isInteger(runs) && runs > 0 ? runs : baseRuns };
}
