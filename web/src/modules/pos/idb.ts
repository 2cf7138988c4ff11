// A tiny promise wrapper over IndexedDB: the till's catalogue and its queue of sales made while
// the server was out of reach live here, so they survive a reload and a closed tab.
const DB_NAME = 'tandem-pos';
const VERSION = 1;
export type StoreName = 'catalogues' | 'queue';

let opening: Promise<IDBDatabase> | undefined;

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function database(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const open = indexedDB.open(DB_NAME, VERSION);
    open.onupgradeneeded = () => {
      // Catalogues keyed by register id; queued sales by their client sale id.
      open.result.createObjectStore('catalogues');
      open.result.createObjectStore('queue', { keyPath: 'clientSaleId' });
    };
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => {
      opening = undefined;
      reject(open.error);
    };
  });
  return opening;
}

async function store(name: StoreName, mode: IDBTransactionMode): Promise<IDBObjectStore> {
  return (await database()).transaction(name, mode).objectStore(name);
}

export async function idbGet<T>(name: StoreName, key: string): Promise<T | undefined> {
  return request((await store(name, 'readonly')).get(key)) as Promise<T | undefined>;
}

export async function idbAll<T>(name: StoreName): Promise<T[]> {
  return request((await store(name, 'readonly')).getAll()) as Promise<T[]>;
}

/** Puts a value; `key` for stores without a key path. Resolves once the write is durable. */
export async function idbPut(name: StoreName, value: unknown, key?: string): Promise<void> {
  const objects = await store(name, 'readwrite');
  const done = new Promise<void>((resolve, reject) => {
    objects.transaction.oncomplete = () => resolve();
    objects.transaction.onerror = () => reject(objects.transaction.error);
  });
  objects.put(value, key);
  await done;
}

export async function idbDelete(name: StoreName, key: string): Promise<void> {
  await request((await store(name, 'readwrite')).delete(key));
}
