// Firefox and WebKit for the element tests, from Debian's packages (no browser download):
//   Firefox ESR under puppeteer-core over WebDriver BiDi (headless);
//   WebKitGTK (Safari's engine) through WebKitGTK's own WebDriver, run under Xvfb, with
//   webdriverio over classic WebDriver.
// A browser that is missing or does not start ends the run with one line saying why.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, writeSync } from 'node:fs';
import { chromeLauncher, puppeteerCore } from '@web/test-runner-chrome';
import { WebdriverLauncher } from '@web/test-runner-webdriver';
import { freePort } from './reference-server.mjs';

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER ?? '/usr/bin/WebKitWebDriver';
export const WEBKIT_BROWSER = process.env.WEBKIT_BROWSER ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const START_TIMEOUT_MS = 30_000;

/** Ends the run with one clear line (CI shows it) and a non-zero exit. */
export function cannotStart(browser, why) {
  // Straight to the file descriptor: the runner's terminal takes over console output.
  writeSync(2, `\n✗ ${browser} could not be started: ${why}\n`);
  process.exit(1);
}

export function firefoxLauncher() {
  if (!existsSync(FIREFOX_PATH)) cannotStart('Firefox', `nothing at ${FIREFOX_PATH} (Debian: apt-get install -y firefox-esr, or set FIREFOX_PATH)`);
  const version = spawnSync(FIREFOX_PATH, ['--version'], { encoding: 'utf8', timeout: 15_000 });
  if (version.status !== 0) cannotStart('Firefox', `${FIREFOX_PATH} --version failed${version.error ? ' (' + version.error.message + ')' : ''}`);
  const launcher = chromeLauncher({
    puppeteer: puppeteerCore,
    launchOptions: {
      browser: 'firefox',
      executablePath: FIREFOX_PATH,
      headless: true,
      protocol: 'webDriverBiDi',
      timeout: START_TIMEOUT_MS,
      extraPrefsFirefox: {
        // The network is closed: no update checks, telemetry or remote settings.
        'app.update.enabled': false,
        'browser.shell.checkDefaultBrowser': false,
        'datareporting.policy.dataSubmissionEnabled': false,
        'toolkit.telemetry.enabled': false,
        'network.captive-portal-service.enabled': false,
      },
    },
  });
  const launch = launcher.launchBrowser.bind(launcher);
  launcher.launchBrowser = (options) => launch(options).catch((error) => cannotStart('Firefox', String(error?.message ?? error).split('\n')[0]));
  launcher.name = version.stdout.trim().replace(/^Mozilla /, '') || 'Firefox';
  return launcher;
}

/** WebDriver key values for the names the tests use with sendKeys({ press }). */
const KEYS = {
  Backspace: '\uE003', Tab: '\uE004', Enter: '\uE007', Shift: '\uE008', Control: '\uE009', Alt: '\uE00A',
  Escape: '\uE00C', Space: ' ', PageUp: '\uE00E', PageDown: '\uE00F', End: '\uE010', Home: '\uE011',
  ArrowLeft: '\uE012', ArrowUp: '\uE013', ArrowRight: '\uE014', ArrowDown: '\uE015', Delete: '\uE017', Meta: '\uE03D',
};
const key = (name) => KEYS[name] ?? name;

/**
 * The WebDriver launcher with input as the tests send it: each character its own key
 * action (one action carrying repeated characters drops some in WebKitGTK), key names
 * (`Tab`, `ArrowDown`) and chords (`Shift+Tab`, `Control+a`) as WebDriver key values.
 */
class WebKitLauncher extends WebdriverLauncher {
  async sendKeys(sessionId, keys) {
    if (!this.driverManager) throw new Error('Not initialized');
    // The command plugin hands `type` over split into characters and `press` as one name.
    for (const entry of keys) {
      const parts = entry.length > 1 && entry.includes('+') ? entry.split('+') : [entry];
      const values = parts.map(key);
      const actions = [...values.map((value) => ({ type: 'keyDown', value })), ...values.reverse().map((value) => ({ type: 'keyUp', value }))];
      await this.driver.performActions([{ type: 'key', id: 'keyboard', actions }]);
    }
    await this.driver.releaseActions();
  }

  async setViewport({ width, height }) {
    // The window's chrome is the difference between its outer and inner size.
    const inner = await this.driver.execute('return [window.innerWidth, window.innerHeight]');
    const rect = await this.driver.getWindowRect();
    await this.driver.setWindowRect(null, null, width + (rect.width - inner[0]), height + (rect.height - inner[1]));
  }
}

/** Starts WebKitGTK's WebDriver under Xvfb on a free port; resolves once it answers /status. */
async function startWebKitDriver() {
  for (const [what, path, hint] of [['WebKitWebDriver', WEBKIT_DRIVER, 'webkit2gtk-driver'], ['MiniBrowser', WEBKIT_BROWSER, 'webkit2gtk-driver'], ['xvfb-run', '/usr/bin/xvfb-run', 'xvfb']]) {
    if (!existsSync(path)) cannotStart('WebKit', `no ${what} at ${path} (Debian: apt-get install -y ${hint})`);
  }
  const port = await freePort();
  // xvfb-run starts an X server for the browser; -a picks a free display. Its own process group, so stop() ends it whole.
  const child = spawn('/usr/bin/xvfb-run', ['-a', WEBKIT_DRIVER, `--port=${port}`, '--host=127.0.0.1'], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const stop = () => {
    if (child.exitCode === null) try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ }
  };
  for (const signal of ['exit', 'SIGINT', 'SIGTERM']) process.once(signal, stop);
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) cannotStart('WebKit', `WebKitWebDriver exited (${child.exitCode}) ${stderr.trim().split('\n').at(-1) ?? ''}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/status`, { signal: AbortSignal.timeout(2_000) })).ok) break;
    } catch { /* not up yet */ }
    if (Date.now() > deadline) {
      stop();
      cannotStart('WebKit', `WebKitWebDriver did not answer on port ${port} within ${START_TIMEOUT_MS / 1000} s`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { port, stop };
}

export async function webkitLauncher() {
  const driver = await startWebKitDriver();
  const launcher = new WebKitLauncher({
    hostname: '127.0.0.1',
    port: driver.port,
    path: '/',
    logLevel: 'error',
    connectionRetryTimeout: START_TIMEOUT_MS,
    connectionRetryCount: 0,
    capabilities: {
      browserName: 'MiniBrowser',
      'wdio:enforceWebDriverClassic': true,
      'webkitgtk:browserOptions': { binary: WEBKIT_BROWSER, args: ['--automation'] },
    },
  });
  const create = launcher.createDriverManager.bind(launcher);
  launcher.createDriverManager = async () => {
    const manager = await create().catch((error) => {
      driver.stop();
      cannotStart('WebKit', String(error?.message ?? error).split('\n')[0]);
    });
    // The engine's version, as the session reports it.
    const version = launcher.driver?.capabilities?.browserVersion;
    if (version) launcher.name = `WebKitGTK ${version}`;
    return manager;
  };
  const stop = launcher.stop.bind(launcher);
  launcher.stop = async () => {
    await stop();
    driver.stop();
  };
  const initialize = launcher.initialize.bind(launcher);
  launcher.initialize = async (...args) => {
    await initialize(...args);
    launcher.name = 'WebKit';
  };
  return launcher;
}

/**
 * `egov-set-viewport`: the viewport in any of the three browsers (the built-in
 * `set-viewport` knows only puppeteer and playwright, not WebDriver).
 */
export const viewportPlugin = {
  name: 'egov-set-viewport',
  async executeCommand({ command, payload, session }) {
    if (command !== 'egov-set-viewport') return undefined;
    if (session.browser.type === 'webdriver') {
      await session.browser.setViewport(payload);
      return true;
    }
    const page = session.browser.getPage(session.id);
    if (session.browser.type === 'puppeteer') await page.setViewport(payload);
    else await page.setViewportSize(payload);
    return true;
  },
};
