/**
 * The two browser engines the examples' end-to-end tests run in, through puppeteer-core: Debian's
 * Chromium (CHROME_PATH) over the Chrome DevTools Protocol and Debian's firefox-esr (FIREFOX_PATH)
 * over WebDriver BiDi. Neither is downloaded: `.ci/run` installs both where missing.
 */
import puppeteer, { type Browser } from 'puppeteer-core';

export interface Engine {
  name: 'Chromium' | 'Firefox';
  launch: () => Promise<Browser>;
}

export const engines: Engine[] = [
  {
    name: 'Chromium',
    launch: () =>
      puppeteer.launch({
        executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
      }),
  },
  {
    name: 'Firefox',
    launch: () =>
      puppeteer.launch({
        browser: 'firefox',
        executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
        headless: true,
      }),
  },
];
