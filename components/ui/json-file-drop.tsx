'use client';
/**
 * A dashed drop zone with a labelled file input for `.json` files: drop files on it or
 * choose them. Choosing the same file again still works (the input is cleared after
 * each choice). What the files mean, and their size limits, is the caller's business.
 */
import { useId, useState, type ReactNode } from 'react';

interface Props {
  /** The label's text: say what to choose and the size limit. */
  label: ReactNode;
  multiple?: boolean;
  onFiles(files: FileList | null): void;
  /** Extra classes for the zone (margins, padding). */
  className?: string;
}

export function JsonFileDrop({ label, multiple = false, onFiles, className = 'p-3' }: Props) {
  const id = useId();
  const [dragging, setDragging] = useState(false);
  return (
    <div
      className={`rounded border-2 border-dashed text-sm ${className} ${dragging ? 'border-accent bg-accent/10' : 'border-border'}`}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        onFiles(e.dataTransfer.files);
      }}
    >
      <label htmlFor={id} className="block">
        {label}
      </label>
      <input
        id={id}
        type="file"
        multiple={multiple}
        accept="application/json,.json"
        className="mt-2 block text-sm"
        onChange={(e) => {
          onFiles(e.target.files);
          e.target.value = '';
        }}
      />
    </div>
  );
}
