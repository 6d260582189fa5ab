'use client';
/**
 * One sandbox per tab, shared by every run: starting it costs a few hundred
 * milliseconds (the worker bundle is parsed once), reusing it costs nothing.
 */
import { spawnBrowserSandbox } from '@/lib/runtime/sandbox/browser-sandbox';
import { SandboxHost } from '@/lib/runtime/sandbox/host';

let instance: SandboxHost | null = null;

export function getSandbox(): SandboxHost {
  instance ??= new SandboxHost(() => spawnBrowserSandbox('/sandbox/worker.js'));
  return instance;
}
