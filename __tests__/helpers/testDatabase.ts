import { createScratchDatabase, type ScratchDatabase } from '../../scripts/lib/scratchDatabase';

export type TestDatabase = ScratchDatabase;

/** A fresh, empty database for one test app (see scripts/lib/scratchDatabase.js, shared with the benchmarks). */
export const createTestDatabase: () => Promise<TestDatabase> = createScratchDatabase;
