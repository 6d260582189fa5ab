'use client';

/**
 * The editor's frame: file tabs, the panel the code sits in, and the hint bar. Shared by
 * the editor (code-editor.tsx) and the code shown before it has loaded
 * (lazy-code-editor.tsx), so the page keeps its layout when Monaco takes over.
 */
import { useEffect, useState, type ReactNode } from 'react';
import type { EditorFile } from './editor-types';
import { FileTabs, tabId } from './file-tabs';

interface EditorFrameProps {
  files: EditorFile[];
  activePath: string;
  onSelect(path: string): void;
  idPrefix: string;
  height: number | string;
  /** What the panel holds (position: relative; children usually fill it). */
  children: ReactNode;
  /** Left of the hint bar: a note about the editor, read out when it changes. */
  status?: ReactNode;
  hintId?: string;
  before?: ReactNode;
}

export function EditorFrame({ files, activePath, onSelect, idPrefix, height, children, status, hintId, before }: EditorFrameProps) {
  const isMac = useIsMac();
  const activeIndex = Math.max(0, files.findIndex((f) => f.path === activePath));
  return (
    // No overflow clipping here: Monaco's hovers and suggestions may extend past the editor.
    <div className="flex flex-col rounded border border-border bg-canvas">
      {before}
      <FileTabs files={files} activePath={files[activeIndex]?.path ?? ''} onSelect={onSelect} idPrefix={idPrefix} />
      <div role="tabpanel" id={`${idPrefix}-panel`} aria-labelledby={tabId(idPrefix, activeIndex)} className="relative" style={{ height }}>
        {children}
      </div>
      <div className="flex flex-wrap items-center justify-between gap-2 border-t border-border bg-panel px-3 py-1 text-xs text-muted">
        <p role="status">{status}</p>
        <p id={hintId}>
          {/* Tab indents inside the editor; see escapeThenTabLeaves for the way out. */}
          <kbd>{isMac ? '⌘' : 'Ctrl'}+Enter</kbd> runs · <kbd>Esc</kbd> then <kbd>Tab</kbd> leaves the editor ·{' '}
          <kbd>{isMac ? 'Ctrl+Shift+M' : 'Ctrl+M'}</kbd> makes <kbd>Tab</kbd> always move focus
        </p>
      </div>
    </div>
  );
}

function useIsMac(): boolean {
  const [isMac, setIsMac] = useState(false);
  useEffect(() => {
    setIsMac(/Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent));
  }, []);
  return isMac;
}
