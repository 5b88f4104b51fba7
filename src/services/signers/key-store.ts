import { createStore, del, get, set, type UseStore } from 'idb-keyval';
import { SignerError } from './types';

/**
 * Browser signing keys live in IndexedDB (`egov-signing` / `keys`), one record per
 * algorithm and subject, so two people sharing a browser never sign with each other's key.
 * Private browsing modes may refuse IndexedDB: every failure becomes
 * `STORAGE_UNAVAILABLE`, which the element answers by offering remote signing.
 */
export class KeyStore<T> {
  #store: UseStore | undefined;

  #open(): UseStore {
    if (typeof indexedDB === 'undefined') throw new SignerError('STORAGE_UNAVAILABLE', 'IndexedDB is not available');
    try {
      this.#store ??= createStore('egov-signing', 'keys');
      return this.#store;
    } catch (error) {
      throw new SignerError('STORAGE_UNAVAILABLE', 'IndexedDB cannot be opened', error);
    }
  }

  async #run<R>(action: (store: UseStore) => Promise<R>): Promise<R> {
    const store = this.#open();
    try {
      return await action(store);
    } catch (error) {
      // A store whose database failed to open is useless: the next call opens a new one.
      this.#store = undefined;
      throw new SignerError('STORAGE_UNAVAILABLE', 'IndexedDB refused the operation', error);
    }
  }

  get(id: string): Promise<T | undefined> {
    return this.#run((store) => get<T>(id, store));
  }

  set(id: string, value: T): Promise<void> {
    return this.#run((store) => set(id, value, store));
  }

  delete(id: string): Promise<void> {
    return this.#run((store) => del(id, store));
  }
}
