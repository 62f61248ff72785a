import { fileURLToPath } from 'node:url';

// Tests run from dist/test/unit/articles; fixtures and samples stay in the source tree.
const root = new URL('../../../../', import.meta.url);
export const fixturesDir = fileURLToPath(new URL('test/fixtures/articles/', root));
export const sampleDir = fileURLToPath(new URL('data/sample/', root));
