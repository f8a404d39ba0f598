// The headless Chromium the browser tests drive: Debian's package through playwright-core, and the
// server it drives it against (on a free port, an in-memory library seeded as a fresh install is).
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser } from 'playwright-core';
import { createServer } from '../../server/app.ts';
import { defaultConfig } from '../../server/config.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];

export interface PageServer {
  /** http://127.0.0.1:PORT */
  base: string;
  browser: Browser;
  close(): Promise<void>;
}

/** The server on a free port and a browser to open its page in; a missing Chromium fails with how to install it. */
export async function startPageServer(): Promise<PageServer> {
  const server = createServer(defaultConfig({ JIXIAO_LIBRARY: ':memory:' }));
  const http = await new Promise<ServerType>((resolve) => {
    const started = serve({ fetch: server.app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(started));
  });
  const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS }).catch(async (error: Error) => {
    http.close();
    await server.close();
    throw new Error(`no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH): ${error.message}`);
  });
  return {
    base,
    browser,
    async close() {
      await browser.close();
      http.close();
      await server.close();
    },
  };
}
