// The cross-browser subset of the element tests (tests/browser/cross-browser/) in WebKitGTK,
// Safari's engine, from Debian's packages, against the same real backend as the Chromium run.
import { browserTestConfig } from './tests/support/browser-test-server.mjs';
import { webkitLauncher } from './tests/support/other-browsers.mjs';

export default await browserTestConfig({
  files: ['tests/browser/cross-browser/**/*.test.ts'],
  browsers: [await webkitLauncher()],
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
});
