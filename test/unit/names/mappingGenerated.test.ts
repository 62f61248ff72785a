import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { applyNameAnalysis, printJson } from '../../../src/names/analysis.js';

// mappings/articles.json carries analyzers generated from the TypeScript name tables
// (`ireum names --write-mapping`). If a table changes and nobody regenerates, the engine and the
// TypeScript would fold names differently; this fails first.

const MAPPING = fileURLToPath(new URL('../../../../mappings/articles.json', import.meta.url));

describe('mappings/articles.json is what the generator writes', () => {
  it('equals the generator output byte for byte', () => {
    const committed = readFileSync(MAPPING, 'utf8');
    const regenerated = printJson(
      applyNameAnalysis(JSON.parse(committed) as Record<string, unknown>),
      100,
      committed,
    );
    expect(
      regenerated === committed,
      'run: npx ireum names --write-mapping mappings/articles.json',
    ).to.equal(true);
  });
});
