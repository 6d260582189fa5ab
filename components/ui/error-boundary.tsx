'use client';
/**
 * Catches a render error of its children and shows `fallback(error)` instead, so one view
 * that fails (learner frames @grafana/ui cannot draw, a run whose results cannot be
 * prepared) does not take the page down. Changing `resetKey` (new results) clears a caught
 * error. No dependencies, so pages load it in their first bundle.
 */
import { Component, type ReactNode } from 'react';

export interface ErrorBoundaryProps {
  /** Changing this clears a caught error. */
  resetKey: unknown;
  /** What is shown instead of the children once they threw. */
  fallback: (error: Error) => ReactNode;
  children: ReactNode;
}

export class ErrorBoundary extends Component<ErrorBoundaryProps, { error?: Error; key?: unknown }> {
  state: { error?: Error; key?: unknown } = {};

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: ErrorBoundaryProps, state: { error?: Error; key?: unknown }) {
    return props.resetKey !== state.key ? { error: undefined, key: props.resetKey } : null;
  }

  render() {
    return this.state.error ? this.props.fallback(this.state.error) : this.props.children;
  }
}
