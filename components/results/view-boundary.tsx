'use client';
/**
 * Catches a render error of a results tab, so a run whose results a view cannot prepare
 * shows why instead of taking the lab page down. The tabs' view models are prepared when a
 * tab first reads them (lib/view: the panel's plan, the lifecycle trace), so their errors
 * surface in the tab's render.
 */
import { Component, type ReactNode } from 'react';

interface Props {
  /** Changing this (a new run) clears a caught error; give each tab its own boundary (`key`). */
  resetKey: unknown;
  children: ReactNode;
}

export class ResultsViewBoundary extends Component<Props, { error?: Error; key?: unknown }> {
  state: { error?: Error; key?: unknown } = {};

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: Props, state: { error?: Error; key?: unknown }) {
    return props.resetKey !== state.key ? { error: undefined, key: props.resetKey } : null;
  }

  render() {
    if (!this.state.error) return this.props.children;
    return (
      <p role="alert" className="rounded border border-bad/60 bg-bad/10 p-3 text-sm">
        Could not prepare this run&apos;s results: {this.state.error.message}.
      </p>
    );
  }
}
