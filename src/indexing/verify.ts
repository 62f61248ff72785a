import type { Client } from '@elastic/elasticsearch';
import { shrinkRefusal } from './guards.js';
import { servingSettings, type IndexMapping } from './mappings.js';
import { engineStep } from './run.js';

// After the load and before the swap: serving settings back, everything visible, and the
// engine's count checked against what was parsed and against what the alias serves now.

export interface VerifyInput {
  index: string;
  mapping: IndexMapping;
  /** Documents the run parsed and sent. */
  parsed: number;
  /** Documents the alias serves now. */
  servingCount: number;
  allowShrink: boolean;
}

export async function verify(
  client: Client,
  input: VerifyInput,
  wrap: (message: string, cause?: unknown) => Error,
): Promise<number> {
  const { index } = input;
  const serving = servingSettings(input.mapping);
  await engineStep(
    'restoring index settings',
    () =>
      client.indices.putSettings({
        index,
        // null puts refresh_interval back to the engine default; the typings forbid null.
        settings: {
          index: {
            refresh_interval: serving.refreshInterval,
            number_of_replicas: serving.replicas,
          },
        } as Record<string, unknown>,
      }),
    wrap,
  );
  await engineStep('refreshing', () => client.indices.refresh({ index }), wrap);
  const { count } = await engineStep('counting', () => client.count({ index }), wrap);
  if (count !== input.parsed) {
    throw wrap(`the index holds ${count} document(s) but ${input.parsed} article(s) were parsed`);
  }
  const refusal = shrinkRefusal({
    before: input.servingCount,
    after: count,
    allowShrink: input.allowShrink,
  });
  if (refusal) throw wrap(`refusing to move the alias: ${refusal}`);
  return count;
}
