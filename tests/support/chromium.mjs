// Where the Debian Chromium is, and the flags it needs here (closed network, root).
import { existsSync } from 'node:fs';

export const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export const CHROME_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function assertChromium() {
  if (!existsSync(CHROME_PATH)) {
    console.error(`\nChromium was not found at ${CHROME_PATH}.\n` +
      'Install it with:  sudo apt-get update && sudo apt-get install -y chromium\n' +
      'or point CHROME_PATH at another Chromium or Chrome.\n');
    process.exit(1);
  }
}
