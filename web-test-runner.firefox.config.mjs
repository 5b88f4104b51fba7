// The cross-browser subset of the element tests (tests/browser/cross-browser/) in Debian's
// Firefox ESR, against the same real backend as the Chromium run (tests/support/).
import { browserTestConfig } from './tests/support/browser-test-server.mjs';
import { firefoxLauncher } from './tests/support/other-browsers.mjs';

export default await browserTestConfig({
  files: ['tests/browser/cross-browser/**/*.test.ts'],
  browsers: [firefoxLauncher()],
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
});
