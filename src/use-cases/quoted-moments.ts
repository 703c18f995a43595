import type { CallMoment } from '../domain/readiness/index.ts';

/**
 * The evidence quotes of one agent's calls, read only for the moments a report shows (ADR 0041).
 *
 * The report's calls read their moments through the book. A composition run by `settle` that asks for
 * the moments of a call not read yet gets a stand-in (an agent moment on each criterion that has quotes
 * stored, so the rules stop where real quotes would usually stop them) and the call is noted; `settle`
 * then reads the noted calls' quotes and runs the composition again, until a run asks for no call that
 * is not read. That last run saw real quotes only, so its result is the one every quote loaded would
 * give. A call with no quotes stored reads as none, without a read. Usually two runs and one read of a
 * handful of calls; after `MAX_TARGETED_ROUNDS` runs that still asked for more (quotes that are mostly
 * the customer's), every call with quotes is read at once, so the runs stay few whatever the data.
 */
export interface MomentBook {
  /** The moments of a call (its quotes, or a stand-in inside `settle`); `quotedCriteria` as the call's scores have them. */
  moments(callId: string, quotedCriteria: readonly string[]): CallMoment[];
  /** Runs a pure composition until it asked only for moments that were read; returns that run's result. */
  settle<T>(compose: () => T): Promise<T>;
  /** How many calls' quotes were read so far (benchmarks and tests). */
  readonly callsRead: number;
}

export const MAX_TARGETED_ROUNDS = 3;

const standIn = (quotedCriteria: readonly string[]): CallMoment[] =>
  quotedCriteria.map((criterionKey) => ({ criterionKey, turn: 0, role: 'agent', quote: '' }));

export const createMomentBook = (
  /** The calls that have quotes stored (the others read as none). */
  quotedCalls: readonly string[],
  read: (callIds: readonly string[]) => Promise<ReadonlyMap<string, CallMoment[]>>,
): MomentBook => {
  const loaded = new Map<string, CallMoment[]>();
  let asked: Set<string> | null = null;
  const load = async (callIds: readonly string[]): Promise<void> => {
    const found = await read(callIds);
    for (const id of callIds) loaded.set(id, found.get(id) ?? []);
  };
  return {
    moments(callId, quotedCriteria) {
      if (quotedCriteria.length === 0) return [];
      const moments = loaded.get(callId);
      if (moments) return moments;
      if (asked === null) throw new Error(`The quotes of call ${callId} were asked for outside MomentBook.settle, before they were read.`);
      asked.add(callId);
      return standIn(quotedCriteria);
    },
    async settle(compose) {
      for (let round = 1; ; round += 1) {
        const wanted = new Set<string>();
        asked = wanted;
        let result: ReturnType<typeof compose>;
        try {
          result = compose();
        } finally {
          asked = null;
        }
        if (wanted.size === 0) return result;
        if (round >= MAX_TARGETED_ROUNDS) for (const id of quotedCalls) if (!loaded.has(id)) wanted.add(id);
        await load([...wanted]);
      }
    },
    get callsRead() {
      return loaded.size;
    },
  };
};
