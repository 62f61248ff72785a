import Mocha from 'mocha';

// Spec output plus one plain last line, `N passed, N failed[, N skipped]`, that CI scripts grep
// and sum across runs.
class IreumReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const stats = runner.stats ?? { passes: 0, failures: 0, pending: 0 };
      console.log(summaryLine(stats.passes, stats.failures, stats.pending));
    });
  }
}

export function summaryLine(passed: number, failed: number, skipped: number): string {
  return `${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`;
}

// Mocha loads reporters with require(); Node hands require(esm) this export as the module.
export { IreumReporter as 'module.exports' };
