import { chmodSync, closeSync, existsSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, writeSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';

/**
 * The directory that holds the server's private keys and secrets (SPEC §5): the issuers'
 * SM2 keys and the secret that seals the remote-signing keys. Readable by the server's
 * user only: the directory 0700, every file in it 0600, checked when it is opened, so a
 * key that someone else could read is found at start rather than after a leak. The
 * database names an issuer key by reference (`file:<path>`), never by its value.
 */
export class KeyVault {
  readonly dir: string;

  private constructor(dir: string) {
    this.dir = dir;
  }

  /**
   * Opens the directory, making it (0700) when `create` is set and it does not exist;
   * throws when it, or a file in it, may be read or written by anyone but its owner.
   */
  static open(dir: string, options: { create?: boolean } = {}): KeyVault {
    const path = resolve(dir);
    if (!existsSync(path)) {
      if (!options.create) throw new Error(`The keys directory ${path} does not exist`);
      mkdirSync(path, { recursive: true, mode: 0o700 });
      chmodSync(path, 0o700);
    }
    const stat = statSync(path);
    if (!stat.isDirectory()) throw new Error(`The keys directory ${path} is not a directory`);
    if (stat.mode & 0o077) throw new Error(`The keys directory ${path} must be readable by its owner only (chmod 700); it is ${modeText(stat.mode)}`);
    if (typeof process.getuid === 'function' && stat.uid !== process.getuid()) throw new Error(`The keys directory ${path} must belong to the user the server runs as`);
    for (const name of readdirSync(path)) {
      const file = statSync(join(path, name));
      if (file.isFile() && file.mode & 0o077) throw new Error(`The key file ${join(path, name)} must be readable by its owner only (chmod 600); it is ${modeText(file.mode)}`);
    }
    return new KeyVault(path);
  }

  /** The path of a named entry (a plain file name: letters, digits, `.`, `_`, `-`). */
  pathOf(name: string): string {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(name)) throw new Error('Not a key file name: ' + name);
    return join(this.dir, name);
  }

  /** The entry's text, or undefined when there is none. */
  read(name: string): string | undefined {
    const path = this.pathOf(name);
    return existsSync(path) ? readKeyFile(path) : undefined;
  }

  /** The entry, created with `make()` (0600, never overwriting one written meanwhile) when absent. */
  readOrCreate(name: string, make: () => string): string {
    const existing = this.read(name);
    if (existing !== undefined) return existing;
    const path = this.pathOf(name);
    let fd: number;
    try {
      fd = openSync(path, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readKeyFile(path);
      throw error;
    }
    try {
      writeSync(fd, make());
    } finally {
      closeSync(fd);
    }
    return readKeyFile(path);
  }

  /** Writes a new entry (0600) and answers the reference the database keeps instead of the value. */
  store(name: string, value: string): string {
    const path = this.pathOf(name);
    const fd = openSync(path, 'wx', 0o600);
    try {
      writeSync(fd, value);
    } finally {
      closeSync(fd);
    }
    return KEY_REFERENCE + path;
  }
}

/** How the database names a key kept in a vault: `file:` and its absolute path. */
export const KEY_REFERENCE = 'file:';

export function isKeyReference(value: string): boolean {
  return value.startsWith(KEY_REFERENCE) && isAbsolute(value.slice(KEY_REFERENCE.length));
}

/**
 * A private key as the database holds it: the key itself (older demo databases, and
 * databases on PostgreSQL without a keys directory), or a reference to its file.
 */
export function resolvePrivateKey(stored: string): string {
  return isKeyReference(stored) ? readKeyFile(stored.slice(KEY_REFERENCE.length)) : stored;
}

function readKeyFile(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const stat = fstatSync(fd);
    if (stat.mode & 0o077) throw new Error(`The key file ${path} must be readable by its owner only (chmod 600)`);
    return readFileSync(fd, 'utf8').trim();
  } finally {
    closeSync(fd);
  }
}

function modeText(mode: number): string {
  return '0' + (mode & 0o777).toString(8);
}
