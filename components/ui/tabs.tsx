'use client';
/**
 * Accessible tabs (WAI-ARIA tabs pattern): arrow keys, Home and End move between
 * tabs, only the selected tab is in the Tab order, panels are labelled by their tab.
 */
import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { nextTabIndex } from './tab-keys';

export interface TabItem {
  id: string;
  label: ReactNode;
  /** Accessible name when the label holds more than text (e.g. a badge). */
  ariaLabel?: string;
}

interface TabsProps {
  label: string;
  tabs: TabItem[];
  selected: string;
  onSelect(id: string): void;
  children: ReactNode;
}

export function Tabs({ label, tabs, selected, onSelect, children }: TabsProps) {
  const base = useId();
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});

  const move = (event: KeyboardEvent, index: number) => {
    const next = nextTabIndex(event.key, index, tabs.length);
    if (next === null) return;
    event.preventDefault();
    onSelect(tabs[next].id);
    refs.current[tabs[next].id]?.focus();
  };

  return (
    <div className="flex min-h-0 flex-col">
      <div role="tablist" aria-label={label} className="flex flex-wrap gap-x-1 border-b border-border">
        {tabs.map((tab, index) => {
          const active = tab.id === selected;
          return (
            <button
              key={tab.id}
              ref={(el) => {
                refs.current[tab.id] = el;
              }}
              role="tab"
              id={`${base}-tab-${tab.id}`}
              aria-selected={active}
              aria-controls={`${base}-panel`}
              aria-label={tab.ariaLabel}
              tabIndex={active ? 0 : -1}
              onClick={() => onSelect(tab.id)}
              onKeyDown={(e) => move(e, index)}
              className={`-mb-px border-b-2 px-3 py-2 text-sm ${active ? 'border-accent text-white' : 'border-transparent text-muted hover:text-white'}`}
            >
              {tab.label}
            </button>
          );
        })}
      </div>
      <div role="tabpanel" id={`${base}-panel`} aria-labelledby={`${base}-tab-${selected}`} tabIndex={0} className="min-h-0 flex-1 pt-3">
        {children}
      </div>
    </div>
  );
}
