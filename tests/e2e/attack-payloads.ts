/**
 * Shared pieces of the attack and fault suite (tests/e2e/attacks-*.spec.ts): hostile
 * handler bodies, markup payloads, a local server that counts every request it gets,
 * and helpers that run learner code through the normal Run path of the first lab.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, type Page } from '@playwright/test';
import { labFile, openLab, replaceFile } from './helpers';

/** A handler module whose queryData runs `body` and then returns no results. */
export function handlerWith(body: string): string {
  return `export async function queryData(req: any, ctx: any) {\n${body}\n  return { responses: {} };\n}\n`;
}

/**
 * How long a Run (the run and its checks) may take here: every run starts a worker of
 * its own, which on a loaded 2-core machine takes seconds each.
 */
export const RUN_TIMEOUT_MS = 240_000;

/** Replaces handler.ts, presses Run and waits until the run and its checks are over. */
export async function runHandler(page: Page, code: string) {
  await replaceFile(page, 'handler.ts', code);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeEnabled({ timeout: RUN_TIMEOUT_MS });
  await page.getByRole('tab', { name: 'Panel' }).click();
}

/** The run ended with a RunErrorView (role=alert) with this title, whose text matches `message`. */
export async function expectRunError(page: Page, title: string, message: RegExp) {
  const alert = page.getByRole('alert').filter({ hasText: title });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText(message);
  return (await alert.innerText()).replace(/\s+/g, ' ').trim();
}

/** Puts the lab solution back and proves a normal run still works after an attack. */
export async function expectNextRunWorks(page: Page) {
  await replaceFile(page, 'query.ts', labFile('solution', 'query.ts'));
  await runHandler(page, labFile('solution', 'handler.ts'));
  await expect(page.getByText(/Last run: completed/)).toBeVisible();
  await page.getByRole('tab', { name: /^Checks/ }).click();
  await expect(page.getByText(/(\d+) of \1 checks pass/)).toBeVisible();
}

export interface CountingServer {
  port: number;
  /** Every request the server received, as "METHOD /path". */
  hits: string[];
  close(): Promise<void>;
}

/** A tiny HTTP (and WebSocket-upgrade) server on a free loopback port that records every request. */
export async function startCountingServer(): Promise<CountingServer> {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.setHeader('access-control-allow-origin', '*');
    res.end('reached');
  });
  server.on('upgrade', (req, socket) => {
    hits.push(`UPGRADE ${req.url}`);
    socket.destroy();
  });
  server.on('connection', () => hits.push('TCP connection'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { port, hits, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/**
 * Markup payloads. Each calls the `__pwned(tag)` binding if the browser ever runs it,
 * so a test proves no script ran by asserting the binding was never called.
 */
export const XSS = {
  img: `<img src=x onerror="__pwned('img')">`,
  script: `<script>__pwned('script')</script>`,
  js: `javascript:__pwned('js')`,
  svg: `<svg onload="__pwned('svg')"><script>__pwned('svg-script')</script></svg>`,
  iframe: `<iframe srcdoc="<script>parent.__pwned('iframe')</script>"></iframe>`,
} as const;
export const ALL_XSS = Object.values(XSS).join(' ');

/** Records every call of `__pwned` in the page and in any frame of it. */
export async function watchForScripts(page: Page): Promise<string[]> {
  const calls: string[] = [];
  await page.exposeBinding('__pwned', (_source, tag: unknown) => {
    calls.push(String(tag));
  });
  return calls;
}

/** Opens the lab once for a describe block and returns the page. */
export async function openLabPage(page: Page) {
  await openLab(page);
  return page;
}
