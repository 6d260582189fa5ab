'use client';

import { useRef, type KeyboardEvent } from 'react';
import { nextTabIndex } from '@/components/ui/tab-keys';
import type { EditorFile } from './editor-types';

interface FileTabsProps {
  files: EditorFile[];
  activePath: string;
  onSelect(path: string): void;
  /** Prefix for element ids; the panel is `${idPrefix}-panel`. */
  idPrefix: string;
}

export function tabId(idPrefix: string, index: number): string {
  return `${idPrefix}-tab-${index}`;
}

/**
 * One tab per file, following the WAI-ARIA tabs pattern with automatic activation:
 * only the selected tab is in the Tab order; arrow keys, Home and End move between
 * tabs and open the file at once (switching a model is instant, so there is no
 * reason to make keyboard users press Enter as well).
 */
export function FileTabs({ files, activePath, onSelect, idPrefix }: FileTabsProps) {
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const next = nextTabIndex(event.key, files.findIndex((f) => f.path === activePath), files.length);
    if (next === null) return;
    event.preventDefault();
    onSelect(files[next].path);
    tabs.current[next]?.focus();
  }

  return (
    <div role="tablist" aria-label="Lab files" onKeyDown={onKeyDown} className="flex overflow-x-auto border-b border-border bg-panel">
      {files.map((file, index) => {
        const selected = file.path === activePath;
        const id = tabId(idPrefix, index);
        return (
          <button
            key={file.path}
            ref={(el) => {
              tabs.current[index] = el;
            }}
            id={id}
            type="button"
            role="tab"
            aria-selected={selected}
            aria-controls={`${idPrefix}-panel`}
            // The name is the tab's text ("handler.ts read-only"), so what is seen is what is heard (WCAG 2.5.3).
            tabIndex={selected ? 0 : -1}
            onClick={() => onSelect(file.path)}
            className={
              'flex shrink-0 items-center gap-2 border-r border-border px-3 py-2 font-mono text-xs ' +
              (selected ? 'bg-canvas text-white shadow-[inset_0_2px_0_var(--color-accent)]' : 'text-muted hover:bg-panel-2 hover:text-text')
            }
          >
            <span>{file.path}</span>
            {file.readOnly && (
              <span className="rounded border border-border px-1 font-sans text-[10px] uppercase tracking-wide text-muted">
                read-only
              </span>
            )}
          </button>
        );
      })}
    </div>
  );
}
