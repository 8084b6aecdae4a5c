import { openDB, type IDBPDatabase } from 'idb';
import { DB_NAME, DB_VERSION, MIGRATIONS, type MoodreelDB } from './schema';

export type Database = IDBPDatabase<MoodreelDB>;

let opening: Promise<Database> | null = null;

/** Opens (and upgrades, step by step) the database; one connection per context. Needs an IndexedDB. */
export function openDatabase(): Promise<Database> {
  opening ??= openDB<MoodreelDB>(DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion, _newVersion, tx) {
      for (let v = oldVersion; v < DB_VERSION; v++) MIGRATIONS[v]!(db, tx);
    },
    blocking() {
      // A newer version wants to upgrade: step aside so it can.
      void opening?.then((db) => db.close());
      opening = null;
    },
  }).catch((error: unknown) => {
    opening = null;
    throw error;
  });
  return opening;
}
