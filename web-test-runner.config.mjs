// Element tests in the Debian Chromium, against the real reference backend: /api is
// proxied to a server started here with a fresh database. /__fault/... lets a test make
// that backend slow, broken, unreachable or tampered with, without mocking anything else
// (tests/support/browser-test-server.mjs, shared with the Firefox and WebKit configs).
import { playwrightLauncher } from '@web/test-runner-playwright';
import { CHROME_ARGS, CHROME_PATH, assertChromium } from './tests/support/chromium.mjs';
import { browserTestConfig } from './tests/support/browser-test-server.mjs';

assertChromium();

export default await browserTestConfig({
  files: ['tests/browser/**/*.test.ts'],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath: CHROME_PATH, headless: true, args: CHROME_ARGS },
    }),
  ],
});
